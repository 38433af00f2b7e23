import { Select } from "antd";
import { useEffect, useState } from "react";
import { fetchDepartments } from "../../api/departments";
import type { Department } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";

interface DepartmentSelectProps {
  /** County code whose departments are offered. */
  county: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Departments not to offer (e.g. the one holding the case when forwarding). */
  exclude?: string[];
  allowClear?: boolean;
  placeholder?: string;
  "data-testid"?: string;
}

/** The active departments of a county, lead department first, with their kind. */
export function DepartmentSelect(props: DepartmentSelectProps) {
  const { t } = useI18n();
  const [items, setItems] = useState<Department[] | null>(null);
  useEffect(() => {
    let alive = true;
    setItems(null);
    fetchDepartments(props.county)
      .then((r) => alive && setItems(r.items))
      .catch(() => alive && setItems([]));
    return () => {
      alive = false;
    };
  }, [props.county]);

  const options = (items ?? [])
    .filter((d) => d.status === "active" && !(props.exclude ?? []).includes(d.id))
    .sort((a, b) => Number(b.gridRole === "lead") - Number(a.gridRole === "lead"))
    .map((d) => ({
      value: d.id,
      label: d.gridRole === "lead" ? `${d.name}（${t("gridRole.lead")}）` : d.name,
      kind: d.kindLabel,
    }));

  return (
    <Select
      data-testid={props["data-testid"]}
      showSearch={{ optionFilterProp: "label" }}
      allowClear={props.allowClear}
      loading={items === null}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          <span style={{ color: "rgba(0,0,0,0.45)", marginInlineStart: 8 }}>{o.data.kind}</span>
        </span>
      )}
    />
  );
}
