import { Card, Empty } from "antd";
import type { GeoPoint } from "../../../../domain/case/case-types";
import type { CaseDetail } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { BaseLegendItems } from "../../map/map-legend";
import { CaseMap, type MapPoint } from "./case-map";

const colours = {
  site: "#1554ad",
  reporter: "#722ed1",
  feedback: "#fa8c16",
  recheck: "#13c2c2",
  flagged: "#cf1322",
};

function pointOf(data: Record<string, unknown> | null): (GeoPoint & { accuracy?: number }) | null {
  const loc = data?.location as { lng?: unknown; lat?: unknown; accuracy?: unknown } | undefined;
  return loc && typeof loc.lng === "number" && typeof loc.lat === "number"
    ? { lng: loc.lng, lat: loc.lat, accuracy: typeof loc.accuracy === "number" ? loc.accuracy : undefined }
    : null;
}

/** The site (or reported place), and where feedback and re-checks were recorded, on a small map. */
export function CaseLocationCard({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const k = detail.case;
  const points: MapPoint[] = [];
  if (k.location) points.push({ ...k.location, colour: colours.site, label: k.siteName ?? k.number });
  for (const item of detail.timeline) {
    const p = pointOf(item.data);
    if (!p) continue;
    const at = formatDateTime(item.at, lang);
    if (item.action.endsWith("reported")) {
      // where the reporter was, with the device's accuracy, when it is not the site itself
      if (!k.location || p.lng !== k.location.lng || p.lat !== k.location.lat || p.accuracy)
        points.push({
          ...p,
          colour: colours.reporter,
          label: `${item.actionLabel} ${at}`,
          linkToFirst: true,
        });
    } else if (item.action.endsWith("fed_back"))
      points.push({ ...p, colour: colours.feedback, label: `${item.actionLabel} ${at}`, linkToFirst: true });
    else if (/rechecked|accepted_onsite/.test(item.action)) {
      const flags = item.data?.flags;
      const flagged = Array.isArray(flags) && flags.length > 0;
      points.push({
        ...p,
        colour: flagged ? colours.flagged : colours.recheck,
        label: `${item.actionLabel} ${at}`,
        linkToFirst: true,
      });
    }
  }
  return (
    <Card title={t("detail.map")} size="small" data-testid="case-location">
      {points.length === 0 ? (
        <Empty description={t("detail.noLocation")} />
      ) : (
        <>
          <CaseMap points={points} gridCode={k.gridCode} data-testid="case-map" />
          <div className="case-map-legend">
            <span>
              <i className="case-map-dot" style={{ background: colours.site }} />
              {t("detail.legendSite")}
            </span>
            {points.some((p) => p.colour === colours.reporter) && (
              <span>
                <i className="case-map-dot" style={{ background: colours.reporter }} />
                {t("basemap.reporter")}
              </span>
            )}
            <span>
              <i className="sg-legend-line sg-legend-mine" />
              {t("detail.legendGrid")}
            </span>
            <BaseLegendItems />
            {points.some((p) => p.colour === colours.feedback) && (
              <span>
                <i className="case-map-dot" style={{ background: colours.feedback }} />
                {t("detail.legendFeedback")}
              </span>
            )}
            {points.some((p) => p.colour === colours.recheck || p.colour === colours.flagged) && (
              <span>
                <i className="case-map-dot" style={{ background: colours.recheck }} />
                {t("detail.legendRecheck")}
              </span>
            )}
            {k.location && (
              <span>
                {k.location.lng.toFixed(5)}, {k.location.lat.toFixed(5)}
              </span>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
