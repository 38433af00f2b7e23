import type { Areal } from "../../../domain/geo/geometry";
import type { GeometryProblem } from "../../../domain/geo/geometry-problem";
import { findOverlaps } from "../../../domain/geo/validate-geometry";
import type { Deps } from "../../deps";
import { gridLayer } from "./grid-layer";

const cache = new WeakMap<object, Map<string, { stamp: string; problems: GeometryProblem[] }>>();

/**
 * Overlaps among the active grids under a prefix (county or below). Clipping every neighbouring pair takes
 * about a second for a county's few hundred grids, so the answer is kept until the grid layer changes.
 */
export async function regionOverlaps(deps: Deps, prefix: string): Promise<GeometryProblem[]> {
  const layer = await gridLayer(deps.db);
  let byPrefix = cache.get(deps.db);
  if (!byPrefix) {
    byPrefix = new Map();
    cache.set(deps.db, byPrefix);
  }
  const hit = byPrefix.get(prefix);
  if (hit && hit.stamp === layer.stamp) return hit.problems;
  const grids = layer.grids
    .filter((g) => g.code.startsWith(prefix))
    .map((g) => ({ code: g.code, geometry: layer.geometry(g.id) as Areal }));
  const problems = findOverlaps(grids);
  byPrefix.set(prefix, { stamp: layer.stamp, problems });
  return problems;
}
