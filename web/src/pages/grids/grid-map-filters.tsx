import { Segmented, Select, Switch } from "antd";
import {
  type RiskLevel,
  riskLevelLabel,
  riskLevels,
  type SiteKind,
  siteKindLabel,
  siteKinds,
} from "../../../../domain/site/site-kinds";
import type { MapColor } from "../../api/grids";
import { useI18n } from "../../i18n/i18n-context";

export interface MapFilterState {
  color: MapColor;
  siteKind?: SiteKind;
  riskLevel?: RiskLevel;
  showSites: boolean;
}

/** What the grid map shows: grids by coverage or workload, which sites (kind, risk), sites at all. */
export function GridMapFilters(props: {
  value: MapFilterState;
  onChange: (patch: Partial<MapFilterState>) => void;
}) {
  const { t, pick } = useI18n();
  const { value, onChange } = props;
  return (
    <>
      <Segmented<MapColor>
        data-testid="map-color"
        value={value.color}
        onChange={(color) => onChange({ color })}
        options={[
          { value: "coverage", label: t("map.byCoverage") },
          { value: "workload", label: t("map.byWorkload") },
        ]}
      />
      <Select<SiteKind>
        allowClear
        style={{ width: 150 }}
        placeholder={t("sites.allKinds")}
        value={value.siteKind}
        onChange={(siteKind) => onChange({ siteKind })}
        options={siteKinds.map((k) => ({ value: k, label: pick(siteKindLabel[k]) }))}
      />
      <Select<RiskLevel>
        allowClear
        style={{ width: 140 }}
        placeholder={t("sites.allRisks")}
        value={value.riskLevel}
        onChange={(riskLevel) => onChange({ riskLevel })}
        options={riskLevels.map((r) => ({ value: r, label: pick(riskLevelLabel[r]) }))}
      />
      <span>
        <Switch size="small" checked={value.showSites} onChange={(showSites) => onChange({ showSites })} />{" "}
        {t("map.showSites")}
      </span>
    </>
  );
}
