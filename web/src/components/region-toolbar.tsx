import { ReloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";
import { useI18n } from "../i18n/i18n-context";
import { RegionCascader, type RegionCascaderProps } from "./region-cascader";
import { useLoad } from "./use-load";

/** The region a page shows, kept in the URL (`?region=`) so that reloads and links keep it. */
export function useRegionParam(): [string | undefined, (code: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const setRegion = useCallback(
    (code: string | undefined) => setParams(code ? { region: code } : {}, { replace: true }),
    [setParams],
  );
  return [region, setRegion];
}

/**
 * What a page loads for its region: `data` (null before the first answer or after an error), `loading`,
 * `error`, and `reload`. Loads again whenever the region or `fetch` changes.
 */
export function useRegionData<T>(region: string | undefined, fetch: (region: string) => Promise<T>) {
  const load = useCallback(() => (region ? fetch(region) : null), [region, fetch]);
  return useLoad(load, { clearOnError: true });
}

/** The toolbar of a region page: label, region picker, refresh, then the page's own buttons. */
export function RegionToolbar(
  props: Omit<RegionCascaderProps, "style"> & {
    label: string;
    onRefresh: () => void;
    children?: React.ReactNode;
  },
) {
  const { t } = useI18n();
  const { label, onRefresh, children, ...cascader } = props;
  return (
    <div className="toolbar">
      <span>{label}</span>
      <RegionCascader {...cascader} />
      <span className="toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRefresh} disabled={!cascader.value}>
        {t("common.refresh")}
      </Button>
      {children}
    </div>
  );
}
