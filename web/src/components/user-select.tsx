import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import type { Role } from "../../../domain/auth/roles";
import type { User } from "../api/types";
import { fetchUsers } from "../api/users";
import { useI18n } from "../i18n/i18n-context";

interface UserSelectProps {
  /** Only accounts of this role (GET /users?role=). */
  ofRole?: Role;
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  "data-testid"?: string;
}

/** Searches the accounts the signer may see (name, username) as they type; answers the chosen account's id. */
export function UserSelect({ ofRole: role, value, onChange, placeholder, ...props }: UserSelectProps) {
  const { t } = useI18n();
  const [items, setItems] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState("");
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      fetchUsers({ role, q: q.trim() || undefined, page: 1, pageSize: 20 })
        .then((r) => mine === seq.current && setItems(r.items))
        .catch(() => mine === seq.current && setItems([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, role]);

  return (
    <Select
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      placeholder={placeholder ?? t("users.selectPlaceholder")}
      notFoundContent={loading ? <Spin size="small" /> : t("users.noneFound")}
      onChange={(id: string | undefined) => onChange?.(id)}
      options={items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
    />
  );
}
