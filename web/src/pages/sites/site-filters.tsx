import { Input, Select } from "antd";
import type { ReactNode } from "react";
import { siteGaps } from "../../../../domain/schemas/site-schemas";
import {
  riskLevelLabel,
  riskLevels,
  siteKindLabel,
  siteKinds,
  siteStatuses,
  siteStatusLabel,
} from "../../../../domain/site/site-kinds";
import type { SiteFilter } from "../../api/sites";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { GridPicker } from "../grids/grid-picker";

/** The filters of the site register: region, grid, kind, risk, status, direct supervision, gaps, text. */
export function SiteFilters(props: {
  filter: SiteFilter;
  onChange: (patch: Partial<SiteFilter>) => void;
  children?: ReactNode;
}) {
  const { t, pick } = useI18n();
  const { filter, onChange } = props;
  return (
    <div className="toolbar" data-testid="site-filters">
      <RegionCascader
        maxLevel="village"
        anyLevel
        allowClear
        value={filter.region}
        onChange={(region) => onChange({ region, gridId: undefined })}
        placeholder={t("sites.filterRegion")}
        style={{ minWidth: 220 }}
      />
      <GridPicker region={filter.region} value={filter.gridId} onChange={(gridId) => onChange({ gridId })} />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t("sites.allKinds")}
        value={filter.kind}
        onChange={(kind) => onChange({ kind })}
        options={siteKinds.map((k) => ({ value: k, label: pick(siteKindLabel[k]) }))}
      />
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t("sites.allRisks")}
        value={filter.riskLevel}
        onChange={(riskLevel) => onChange({ riskLevel })}
        options={[...riskLevels.map((r) => ({ value: r, label: pick(riskLevelLabel[r]) }))]}
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t("sites.allStatuses")}
        value={filter.status}
        onChange={(status) => onChange({ status })}
        options={siteStatuses.map((s) => ({ value: s, label: pick(siteStatusLabel[s]) }))}
      />
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t("sites.filterDirect")}
        value={filter.direct}
        onChange={(direct) => onChange({ direct })}
        options={[
          { value: "true", label: t("sites.directOnly") },
          { value: "false", label: t("sites.gridOnly") },
        ]}
      />
      <Select
        allowClear
        style={{ width: 160 }}
        data-testid="filter-gap"
        placeholder={t("sites.filterGap")}
        value={filter.gap}
        onChange={(gap) => onChange({ gap })}
        options={siteGaps.map((g) => ({ value: g, label: t(`sites.gap.${g}`) }))}
      />
      <Input.Search
        allowClear
        style={{ width: 240 }}
        placeholder={t("sites.filterText")}
        defaultValue={filter.q}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        data-testid="site-search"
      />
      {props.children}
    </div>
  );
}
