import { listRegionGrids } from "../../../db/queries/grid-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { Areal } from "../../../domain/geo/geometry";
import { findGaps, findOverlaps, outsideBoundary } from "../../../domain/geo/validate-geometry";
import { can } from "../../../domain/policies/access-table";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import type { Deps } from "../../deps";
import { countyBoundary, problemView } from "./grid-geometry";

/**
 * The geometry check of a whole area (R1): grids overlapping each other, the share of the county no grid
 * covers (sampled; county boundaries are the finest loaded), and grid vertices outside the county. Reported
 * with locations; nothing is repaired.
 */
export async function gridProblems(deps: Deps, actor: Actor, region: string, en = false) {
  if (region.length < 6)
    throw new AppError("validation_failed", { zh: "请选择县区或以下的区域", en: "Choose a county or below" });
  if (!can(actor, "grid", "problems", { code: region })) throw new AppError("not_found");
  const rows = (await listRegionGrids(deps.db, region)).filter((g) => gridPolicy.read(actor, g));
  const grids = rows.map((g) => ({ code: g.code, geometry: JSON.parse(g.geojson) as Areal }));
  const overlaps = findOverlaps(grids);
  const boundary = await countyBoundary(deps.db, region.slice(0, 6));
  const gaps = boundary && region.length === 6 ? findGaps(boundary, grids, { samples: 20000 }) : null;
  const outside = boundary
    ? grids.flatMap((g) => outsideBoundary(g, boundary, { toleranceDeg: 1e-4 }).slice(0, 3))
    : [];
  return {
    checkedGrids: grids.length,
    overlaps: overlaps.map((p) => problemView(p, en)),
    gaps: gaps
      ? {
          uncoveredShare: Math.round(gaps.uncoveredShare * 1000) / 1000,
          problems: gaps.problems.map((p) => problemView(p, en)),
        }
      : null,
    outsideBoundary: outside.map((p) => problemView(p, en)),
  };
}
