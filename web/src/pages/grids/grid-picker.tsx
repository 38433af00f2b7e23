import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { fetchGrid, fetchGrids, type GridSummary } from "../../api/grids";
import { useLatest } from "../../components/use-latest";
import { useI18n } from "../../i18n/i18n-context";

/** Chooses one grid by name or code within `region` (searched on the server). Value: grid id. */
export function GridPicker(props: {
  region?: string;
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  disabled?: boolean;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<GridSummary[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const { region, value } = props;

  const begin = useLatest();
  const load = (q?: string) => {
    const current = begin();
    setLoading(true);
    fetchGrids({ region, q, page: 1, pageSize: 50 })
      .then((r) => current() && setItems(r.items))
      .catch(() => current() && setItems([]))
      .finally(() => current() && setLoading(false));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the region changes
  useEffect(() => load(), [region]);

  // the name of a preset value (from the address bar)
  useEffect(() => {
    if (!value || known.has(value) || items.some((g) => g.id === value)) return;
    fetchGrid(value)
      .then((g) => setKnown((m) => new Map(m).set(g.id, `${g.name}（${g.code}）`)))
      .catch(() => undefined);
  }, [value, known, items]);

  const options = items.map((g) => ({ value: g.id, label: `${g.name}（${g.code}）` }));
  if (value && !items.some((g) => g.id === value))
    options.unshift({ value, label: known.get(value) ?? value });

  return (
    <Select
      allowClear={props.allowClear ?? true}
      disabled={props.disabled}
      style={{ width: 220, ...props.style }}
      data-testid={props["data-testid"]}
      value={value ?? undefined}
      placeholder={props.placeholder ?? t("sites.filterGrid")}
      onChange={(id?: string) => props.onChange?.(id)}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      showSearch={{
        filterOption: false,
        onSearch: (q) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => load(q.trim() || undefined), 300);
        },
      }}
      options={options}
    />
  );
}
