import { gridExtent } from "../../../db/queries/grid-queries";
import { findBoundary } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { type Areal, type BBox, bbox } from "../../../domain/geo/geometry";
import { ancestry } from "../../../domain/region/region-code";
import type { Deps } from "../../deps";

export interface RegionExtent {
  /** The region whose extent this is: the one asked for, or the nearest above it that has one. */
  code: string;
  bbox: BBox;
  /** From the loaded boundary, or from the region's grids (as the offline base derives township outlines). */
  source: "boundary" | "grids";
}

/**
 * Where a region lies, for a map to go to when the region is chosen (issue 11): its boundary's box when a
 * boundary is loaded, else the box of its grids the actor may read; a village without either answers its
 * township's (then county's) extent. Null when no level has one.
 */
export async function regionExtent(deps: Deps, actor: Actor, code: string): Promise<RegionExtent | null> {
  for (const c of ancestry(code).reverse()) {
    const boundary = await findBoundary(deps.db, c);
    if (boundary) {
      const feature = JSON.parse(boundary.geojson) as { geometry?: Areal };
      if (feature.geometry) return { code: c, bbox: bbox(feature.geometry), source: "boundary" };
    }
    const box = await gridExtent(deps.db, actor, c);
    if (box) return { code: c, bbox: box, source: "grids" };
  }
  return null;
}
