import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { regionLevelLabel } from "../../../domain/region/region-code";
import { cachedRegion, searchRegions } from "../api/regions";
import type { Region } from "../api/types";
import { useI18n } from "../i18n/i18n-context";

/** Several regions chosen by searching name or code (a user's scope). Value: region codes. */
export function RegionMultiSelect(props: {
  value?: string[];
  onChange?: (codes: string[]) => void;
  placeholder?: string;
  "data-testid"?: string;
}) {
  const { t, pick } = useI18n();
  const [known, setKnown] = useState<Map<string, Region>>(new Map());
  const [found, setFound] = useState<Region[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const value = props.value ?? [];

  // names of the codes already chosen
  const valueKey = value.join(",");
  useEffect(() => {
    const missing = valueKey ? valueKey.split(",") : [];
    Promise.all(
      missing.map((code) =>
        cachedRegion(code).then(
          (d) => d.region,
          () => null,
        ),
      ),
    ).then((list) =>
      setKnown(
        (m) => new Map([...m, ...list.filter((r): r is Region => !!r).map((r) => [r.code, r] as const)]),
      ),
    );
  }, [valueKey]);

  const onSearch = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return setFound([]);
    timer.current = window.setTimeout(async () => {
      setSearching(true);
      try {
        setFound(await searchRegions(q.trim(), 20));
      } catch {
        setFound([]);
      } finally {
        setSearching(false);
      }
    }, 300);
  };

  const label = (r: Region) => `${r.name}（${r.code}·${pick(regionLevelLabel[r.level], r.level)}）`;
  const seen = new Map<string, Region>();
  for (const code of value) {
    const r = known.get(code);
    if (r) seen.set(code, r);
  }
  for (const r of found) seen.set(r.code, r);
  const options = [...seen.values()].map((r) => ({ value: r.code, label: label(r) }));
  for (const code of value) if (!seen.has(code)) options.push({ value: code, label: code });

  return (
    <Select
      mode="multiple"
      data-testid={props["data-testid"]}
      value={value}
      onChange={(codes: string[]) => {
        const added = found.filter((r) => codes.includes(r.code));
        setKnown((m) => new Map([...m, ...added.map((r) => [r.code, r] as const)]));
        props.onChange?.(codes);
      }}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={searching ? <Spin size="small" /> : t("region.searchHint")}
      placeholder={props.placeholder ?? t("region.searchHint")}
      options={options}
    />
  );
}
