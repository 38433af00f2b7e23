import type { Kysely } from "kysely";
import type { Tx } from "../../../db/db";
import { type GridShapeRow, gridLayerStamp, listActiveGridShapes } from "../../../db/queries/grid-queries";
import type { DB } from "../../../db/schema";
import type { Areal } from "../../../domain/geo/geometry";
import { createGridIndex, type GridIndex } from "../../../domain/geo/grid-index";

/**
 * The active grids as one in-memory layer: a point index (Flatbush + ray casting, `createGridIndex`) for
 * assignment, and parsed geometry for the map. Built once per process and database, and rebuilt when the
 * layer stamp (count, latest update, sum of versions) changes — so several app processes stay correct
 * without any messaging: each checks the stamp (one small aggregate query) before use.
 */
export interface GridLayer {
  stamp: string;
  grids: GridShapeRow[];
  byId: Map<string, GridShapeRow>;
  byCode: Map<string, GridShapeRow>;
  /** The point index over all active grids (built on first use). */
  index(): GridIndex;
  geometry(id: string): Areal;
  /** The grid containing the point, restricted to grids whose code starts with `prefix` (the site's county). */
  locate(lon: number, lat: number, prefix?: string): GridShapeRow | null;
}

const cache = new WeakMap<object, GridLayer>();

function buildLayer(stamp: string, grids: GridShapeRow[]): GridLayer {
  const byId = new Map(grids.map((g) => [g.id, g]));
  const byCode = new Map(grids.map((g) => [g.code, g]));
  const parsed = new Map<string, Areal>();
  let index: GridIndex | null = null;
  const geometry = (id: string) => {
    let g = parsed.get(id);
    if (!g) {
      g = JSON.parse(byId.get(id)!.geojson) as Areal;
      parsed.set(id, g);
    }
    return g;
  };
  const layer: GridLayer = {
    stamp,
    grids,
    byId,
    byCode,
    geometry,
    index() {
      index ??= createGridIndex(grids.map((g) => ({ code: g.code, geometry: geometry(g.id) })));
      return index;
    },
    locate(lon, lat, prefix) {
      const idx = layer.index();
      const code = idx.locate(lon, lat);
      if (code === null) return null;
      if (!prefix || code.startsWith(prefix)) return byCode.get(code) ?? null;
      // overlapping grids across a county border: take the lowest code inside the site's county
      const own = idx.locateAll(lon, lat).find((c) => c.startsWith(prefix));
      return own ? (byCode.get(own) ?? null) : null;
    },
  };
  return layer;
}

/** The current grid layer (cached per database handle; rebuilt when grids changed). */
export async function gridLayer(db: Tx | Kysely<DB>, key: object = db): Promise<GridLayer> {
  const stamp = await gridLayerStamp(db);
  const cached = cache.get(key);
  if (cached && cached.stamp === stamp) return cached;
  const layer = buildLayer(stamp, await listActiveGridShapes(db));
  cache.set(key, layer);
  return layer;
}
