import type { LngLat } from "../geo/geo";
import { t } from "../i18n/i18n";
import type { GridGeometry, WorkSet } from "../work-set/work-set";

/** A site's name on the map without its village prefix ("兴隆路社区谢记日杂店" -> "谢记日杂店"), at most 7 characters. */
function shortName(name: string): string {
  const short = name.replace(/^.{2,12}?(社区|村|居委会)/, "") || name;
  return short.length > 7 ? `${short.slice(0, 7)}…` : short;
}

const width = 360;
const height = 300;

function rings(g: GridGeometry | null): number[][][] {
  if (!g) return [];
  return g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
}

/**
 * The worker's grids on the phone with no map tiles: outlines, site points and names, "me", and a picked
 * point. Tap to pick a location when `onPick` is given. Equirectangular projection over the grids' extent.
 */
export function GridMap({
  workSet,
  me,
  picked,
  onPick,
  onSite,
}: {
  workSet: WorkSet;
  me?: LngLat;
  picked?: LngLat;
  onPick?: (p: LngLat) => void;
  onSite?: (siteId: string) => void;
}) {
  const pts: number[][] = workSet.grids.flatMap((g) => rings(g.geometry).flat());
  for (const s of workSet.sites) if (s.location) pts.push([s.location.lng, s.location.lat]);
  if (!pts.length) return <div className="empty">{t("map.noBoundaries")}</div>;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of pts) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const k = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
  const pad = 16;
  const scale = Math.min(
    (width - 2 * pad) / Math.max((maxX - minX) * k, 1e-6),
    (height - 2 * pad) / Math.max(maxY - minY, 1e-6),
  );
  const offX = (width - (maxX - minX) * k * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  const px = (p: LngLat) => [offX + (p.lng - minX) * k * scale, height - offY - (p.lat - minY) * scale];
  const unproject = (x: number, y: number): LngLat => ({
    lng: Number((minX + (x - offX) / (k * scale)).toFixed(6)),
    lat: Number((minY + (height - offY - y) / scale).toFixed(6)),
  });
  const click = (e: React.MouseEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const r = e.currentTarget.getBoundingClientRect();
    onPick(unproject(((e.clientX - r.left) / r.width) * width, ((e.clientY - r.top) / r.height) * height));
  };
  return (
    <svg
      className="grid-map"
      viewBox={`0 0 ${width} ${height}`}
      onClick={click}
      data-testid="grid-map"
      role="img"
      aria-label={t("map.label")}
    >
      {workSet.grids.map((g) =>
        rings(g.geometry).map((ring, i) => (
          <polygon
            // biome-ignore lint/suspicious/noArrayIndexKey: rings have no id
            key={`${g.id}-${i}`}
            points={ring.map(([lng, lat]) => px({ lng, lat }).join(",")).join(" ")}
            className="map-grid"
          />
        )),
      )}
      {workSet.sites.map((s) => {
        if (!s.location) return null;
        const [x, y] = px(s.location);
        return (
          <g
            key={s.id}
            onClick={(e) => {
              if (onSite && !onPick) {
                e.stopPropagation();
                onSite(s.id);
              }
            }}
          >
            <circle cx={x} cy={y} r={5} className={`map-site risk-${s.riskLevel}`} />
            <text x={x + 7} y={y + 4} className="map-label">
              {shortName(s.name)}
            </text>
          </g>
        );
      })}
      {me ? <circle cx={px(me)[0]} cy={px(me)[1]} r={7} className="map-me" /> : null}
      {picked ? (
        <g className="map-pick">
          <circle cx={px(picked)[0]} cy={px(picked)[1]} r={9} />
          <circle cx={px(picked)[0]} cy={px(picked)[1]} r={2} />
        </g>
      ) : null}
    </svg>
  );
}
