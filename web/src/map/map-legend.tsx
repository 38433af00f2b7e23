import {
  riskLevelColor,
  riskLevelLabel,
  riskLevels,
  siteKindLabel,
  siteKinds,
} from "../../../domain/site/site-kinds";
import type { MapColor } from "../api/grids";
import { useI18n } from "../i18n/i18n-context";
import { siteKindGlyph, unratedColor } from "./site-layer";

const swatch = (colour: string) => <span className="sg-legend-swatch" style={{ background: colour }} />;

/** What the colours and letters on the grid map mean. */
export function MapLegend({ color, base, mine }: { color: MapColor; base?: boolean; mine?: boolean }) {
  const { t, pick } = useI18n();
  const grid =
    color === "coverage"
      ? [
          ["#52c41a", t("map.legend.covered")],
          ["#faad14", t("map.legend.partly")],
          ["#f5222d", t("map.legend.noWorker")],
        ]
      : [
          ["#f5222d", t("staffing.status.over")],
          ["#52c41a", t("staffing.status.balanced")],
          ["#1677ff", t("staffing.status.under")],
        ];
  return (
    <div className="sg-map-legend" data-testid="map-legend">
      <strong>{t("map.legend.grids")}</strong>
      {grid.map(([c, label]) => (
        <span key={c}>
          {swatch(c)}
          {label}
        </span>
      ))}
      <strong style={{ marginLeft: 8 }}>{t("map.legend.risk")}</strong>
      {riskLevels.map((r) => (
        <span key={r}>
          {swatch(riskLevelColor[r])}
          {pick(riskLevelLabel[r])}
        </span>
      ))}
      <span>
        {swatch(unratedColor)}
        {t("sites.riskUnrated")}
      </span>
      {base && <BaseLegendItems mine={mine} />}
      <strong style={{ marginLeft: 8 }}>{t("map.legend.kind")}</strong>
      {siteKinds.map((k) => (
        <span key={k}>
          <b>{siteKindGlyph[k]}</b> {pick(siteKindLabel[k])}
        </span>
      ))}
    </div>
  );
}

/** The offline base's lines: county boundary, township outline, the worker's own grids. */
export function BaseLegendItems({ mine }: { mine?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <span>
        <i className="sg-legend-line sg-legend-county" />
        {t("basemap.county")}
      </span>
      <span>
        <i className="sg-legend-line sg-legend-township" />
        {t("basemap.township")}
      </span>
      {mine && (
        <span>
          <i className="sg-legend-line sg-legend-mine" />
          {t("basemap.myGrid")}
        </span>
      )}
    </>
  );
}
