import { gridFigures, siteFigures } from "../../../db/queries/coverage-queries";
import type { GridShapeRow } from "../../../db/queries/grid-queries";
import { listBoundariesWithNames } from "../../../db/queries/map-queries";
import { findRegions } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Areal } from "../../../domain/geo/geometry";
import { bbox as bboxOf } from "../../../domain/geo/geometry";
import type { RegionFeatureProps } from "../../../domain/geo/map-features";
import type { Deps } from "../../deps";
import type { BBox, MapColor } from "./map-grids";
import { regionColor } from "./map-grids";
import { mapStats, mapStatsTtlMs } from "./map-stats";
import { simplifyForZoom } from "./simplify";

type Boundary = {
  code: string;
  name: string;
  bbox: [number, number, number, number];
  geometry: Areal;
  simplified: Map<number, string>;
};
const boundaries = new WeakMap<object, { at: number; list: Promise<Boundary[]> }>();
const figureCache = new WeakMap<
  object,
  Map<string, { at: number; value: Promise<Map<string, Omit<RegionFeatureProps, "name" | "color">>> }>
>();

function countyBoundaries(deps: Deps): Promise<Boundary[]> {
  const hit = boundaries.get(deps.db);
  if (hit && Date.now() - hit.at < 10 * 60_000) return hit.list;
  const list = (async () => {
    const rows = await listBoundariesWithNames(deps.db);
    return rows.map((r) => {
      const f = JSON.parse(r.geojson) as { type: string; geometry?: Areal };
      const geometry = (f.type === "Feature" ? f.geometry : f) as Areal;
      return {
        code: r.code,
        name: r.name ?? r.code,
        bbox: bboxOf(geometry),
        geometry,
        simplified: new Map<number, string>(),
      };
    });
  })();
  boundaries.set(deps.db, { at: Date.now(), list });
  return list;
}

/** Coverage figures per region of `length` digits under the actor's scope (cached as briefly as map stats). */
function regionFigures(deps: Deps, scope: string[], length: number) {
  let byKey = figureCache.get(deps.db);
  if (!byKey) {
    byKey = new Map();
    figureCache.set(deps.db, byKey);
  }
  const key = `${scope.join(",")}|${length}`;
  const hit = byKey.get(key);
  if (hit && Date.now() - hit.at < mapStatsTtlMs) return hit.value;
  const value = (async () => {
    const out = new Map<string, Omit<RegionFeatureProps, "name" | "color">>();
    for (const prefix of scope) {
      const [g, s] = await Promise.all([
        gridFigures(deps.db, prefix, length),
        siteFigures(deps.db, prefix, length),
      ]);
      for (const r of g)
        out.set(r.code, {
          code: r.code,
          grids: r.grids,
          gridsWithoutWorker: r.gridsWithoutWorker,
          sites: 0,
          sitesWithoutGrid: 0,
          coverage: 0,
        });
      for (const r of s) {
        const o = out.get(r.code) ?? {
          code: r.code,
          grids: 0,
          gridsWithoutWorker: 0,
          sites: 0,
          sitesWithoutGrid: 0,
          coverage: 0,
        };
        o.sites = r.sites - r.directSites;
        o.sitesWithoutGrid = r.sitesWithoutGrid;
        out.set(r.code, o);
      }
    }
    for (const o of out.values()) {
      const staffed = o.grids ? (100 * (o.grids - o.gridsWithoutWorker)) / o.grids : 0;
      const inGrid = o.sites ? (100 * (o.sites - o.sitesWithoutGrid)) / o.sites : 100;
      o.coverage = Math.round(Math.min(staffed, inGrid) * 10) / 10;
    }
    return out;
  })();
  byKey.set(key, { at: Date.now(), value });
  return value;
}

const blank = (code: string) => ({
  code,
  grids: 0,
  gridsWithoutWorker: 0,
  sites: 0,
  sitesWithoutGrid: 0,
  coverage: 0,
});
const meets = (a: BBox, b: [number, number, number, number]) =>
  a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/** Region features for zoomed-out views: county polygons, or township points when a view holds too many grids. */
export async function mapRegions(
  deps: Deps,
  actor: Actor,
  q: { bbox: BBox; zoom: number; color: MapColor; level: "county" | "township"; grids?: GridShapeRow[] },
): Promise<string> {
  const features: string[] = [];
  if (q.level === "county") {
    const figures = await regionFigures(deps, actor.scope, 6);
    const z = Math.max(0, Math.min(q.zoom, 12));
    for (const b of await countyBoundaries(deps)) {
      if (!meets(q.bbox, b.bbox) || !actor.scope.some((s) => s.startsWith(b.code) || b.code.startsWith(s)))
        continue;
      let geometry = b.simplified.get(z);
      if (!geometry) {
        geometry = JSON.stringify(simplifyForZoom(b.geometry, z));
        b.simplified.set(z, geometry);
      }
      const f = figures.get(b.code) ?? blank(b.code);
      const props: RegionFeatureProps = { ...f, name: b.name, color: regionColor(f) };
      features.push(
        `{"type":"Feature","id":"${b.code}","geometry":${geometry},"properties":${JSON.stringify(props)}}`,
      );
    }
  } else {
    const stats = await mapStats(deps.db);
    const towns = new Map<
      string,
      { n: number; x: number; y: number; noWorker: number; sites: number; code: string }
    >();
    for (const g of q.grids ?? []) {
      const t = towns.get(g.townshipCode) ?? {
        n: 0,
        x: 0,
        y: 0,
        noWorker: 0,
        sites: 0,
        code: g.townshipCode,
      };
      const s = stats.get(g.id);
      t.n++;
      t.x += g.centerLon;
      t.y += g.centerLat;
      t.noWorker += s?.workerCount ? 0 : 1;
      t.sites += s?.siteCount ?? 0;
      towns.set(g.townshipCode, t);
    }
    const figures = await regionFigures(deps, actor.scope, 9);
    const names = new Map((await findRegions(deps.db, [...towns.keys()])).map((r) => [r.code, r.name]));
    for (const t of towns.values()) {
      const f = figures.get(t.code) ?? {
        ...blank(t.code),
        grids: t.n,
        gridsWithoutWorker: t.noWorker,
        sites: t.sites,
      };
      const props: RegionFeatureProps = { ...f, name: names.get(t.code) ?? t.code, color: regionColor(f) };
      const point = `{"type":"Point","coordinates":[${(t.x / t.n).toFixed(5)},${(t.y / t.n).toFixed(5)}]}`;
      features.push(
        `{"type":"Feature","id":"${t.code}","geometry":${point},"properties":${JSON.stringify(props)}}`,
      );
    }
  }
  return `{"mode":"regions","level":"${q.level}","count":${features.length},"features":{"type":"FeatureCollection","features":[${features.join(",")}]}}`;
}
