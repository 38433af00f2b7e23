import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { api, queryString } from "../../api/client";
import { useI18n } from "../../i18n/i18n-context";

/** The fields of a site (docs/api/grids-sites.md) the case form needs. */
export interface SiteOption {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  regionName: string | null;
  lon: number | null;
  lat: number | null;
  assignment?: { grid: { code: string; name: string } | null; department: { name: string } | null };
}

interface SiteSelectProps {
  value?: string;
  onChange?: (id: string | undefined, site: SiteOption | undefined) => void;
  "data-testid"?: string;
}

/** Searches the site register (name, credit code, address) as the user types. */
export function SiteSelect({ value, onChange, ...props }: SiteSelectProps) {
  const { t } = useI18n();
  const [items, setItems] = useState<SiteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState("");
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<{ items: SiteOption[] }>(`/sites${queryString({ q: q.trim() || undefined, pageSize: 20 })}`)
        .then((r) => mine === seq.current && setItems(r.items))
        .catch(() => mine === seq.current && setItems([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <Select
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={t("report.sitePlaceholder")}
      notFoundContent={loading ? <Spin size="small" /> : t("report.noSites")}
      onChange={(id: string | undefined) =>
        onChange?.(
          id,
          items.find((s) => s.id === id),
        )
      }
      options={items.map((s) => ({
        value: s.id,
        label: s.name,
        address: [s.regionName, s.address].filter(Boolean).join(" "),
      }))}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>{o.data.address}</div>
        </div>
      )}
    />
  );
}
