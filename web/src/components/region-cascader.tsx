import { Cascader } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { lengthByLevel, type RegionLevel } from "../../../domain/region/region-code";
import { cachedRegion, fetchRegionRoots } from "../api/regions";
import type { Region } from "../api/types";
import { useI18n } from "../i18n/i18n-context";
import { useSignedIn } from "../session/session-context";

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

export interface RegionCascaderProps {
  value?: string | null;
  onChange: (code: string | undefined) => void;
  /** Deepest level offered (departments: county). */
  maxLevel: RegionLevel;
  /** Any level may be chosen, not only `maxLevel`. */
  anyLevel?: boolean;
  /** Choose the only root by itself when the user's scope is a single region. */
  autoSelectSingle?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  "data-testid"?: string;
}

/** Region picker limited to the user's scope (the roots the server gives), children loaded on demand. */
export function RegionCascader(props: RegionCascaderProps) {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const maxLength = lengthByLevel[props.maxLevel];
  const [regions, setRegions] = useState<Map<string, Region>>(new Map());
  const [children, setChildren] = useState<Map<string, string[]>>(new Map());
  const [roots, setRoots] = useState<string[] | null>(null);

  const remember = useCallback((list: Region[]) => {
    setRegions((m) => new Map([...m, ...list.map((r) => [r.code, r] as const)]));
  }, []);

  const loadChildren = useCallback(
    async (code: string) => {
      if (code.length >= maxLength) return;
      const detail = await cachedRegion(code);
      remember([detail.region, ...detail.children]);
      setChildren((m) =>
        new Map(m).set(
          code,
          detail.children.map((r) => r.code),
        ),
      );
    },
    [maxLength, remember],
  );

  // The user's jurisdiction is where the picker starts (a county office sees its county at once); a
  // user without a scope (none is given to the system admin) starts at the provinces.
  const scopeKey = user.scope.join(",");
  useEffect(() => {
    let alive = true;
    (async () => {
      const scope = scopeKey ? scopeKey.split(",") : [];
      const list = scope.length
        ? await Promise.all(scope.map(async (code) => (await cachedRegion(code)).region))
        : await fetchRegionRoots();
      // a scope deeper than the levels offered (a township) is shown as its region at `maxLevel`
      const lifted = await Promise.all(
        list.map(async (r) =>
          r.code.length > maxLength ? (await cachedRegion(r.code.slice(0, maxLength))).region : r,
        ),
      );
      const unique = [...new Map(lifted.map((r) => [r.code, r])).values()];
      if (!alive) return;
      remember(unique);
      setRoots(unique.map((r) => r.code));
    })().catch(() => alive && setRoots([]));
    return () => {
      alive = false;
    };
  }, [maxLength, remember, scopeKey]);

  const { value, onChange, autoSelectSingle, anyLevel } = props;
  useEffect(() => {
    if (!autoSelectSingle || value || !roots || roots.length !== 1) return;
    if (anyLevel || roots[0].length === maxLength) onChange(roots[0]);
  }, [autoSelectSingle, value, roots, anyLevel, maxLength, onChange]);

  // a preset value (from the address): load the levels above it so the picker can show its names
  const path = useMemo(() => {
    if (!value || !roots) return [];
    const root = roots.find((r) => value.startsWith(r));
    if (!root) return [value];
    const out = [root];
    for (const len of [4, 6, 9, 12])
      if (len > root.length && len <= value.length) out.push(value.slice(0, len));
    return out;
  }, [value, roots]);
  useEffect(() => {
    for (const code of path.slice(0, -1)) if (!children.has(code)) loadChildren(code).catch(() => undefined);
  }, [path, children, loadChildren]);

  const options = useMemo(() => {
    const build = (codes: string[]): Option[] =>
      codes.flatMap((code) => {
        const r = regions.get(code);
        if (!r) return [];
        const kids = children.get(code);
        const isLeaf = code.length >= maxLength || r.childCount === 0;
        return [{ value: code, label: r.name, isLeaf, children: kids && !isLeaf ? build(kids) : undefined }];
      });
    return build(roots ?? []);
  }, [regions, children, roots, maxLength]);

  return (
    <Cascader<Option>
      data-testid={props["data-testid"]}
      style={{ minWidth: 280, ...props.style }}
      options={options}
      value={path}
      changeOnSelect={props.anyLevel}
      allowClear={props.allowClear ?? false}
      loading={roots === null}
      placeholder={props.placeholder ?? t("region.pick")}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last) loadChildren(String(last.value)).catch(() => undefined);
      }}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        props.onChange(list.length ? String(list[list.length - 1]) : undefined);
      }}
      showSearch={false}
    />
  );
}
