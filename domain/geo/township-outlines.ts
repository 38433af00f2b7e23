import type { Areal } from "./geometry";
import { interiorPoint } from "./point-in-polygon";
import { mergePolygons } from "./voronoi-grids";

export interface TownshipOutline {
  /** 9-digit township code (the first 9 digits of its grids' codes). */
  code: string;
  geometry: Areal;
  /** Where its name goes: a point inside the outline. */
  labelAt: [number, number];
  grids: number;
}

/**
 * Township outlines derived from the grids when no township boundary is loaded (issue 11): the union of
 * each township's grids (a 15-digit grid code starts with its 9-digit township code). A township whose
 * grids do not touch gives a MultiPolygon. Grids whose union fails (a broken ring) are left out of it.
 */
export function townshipOutlines(grids: readonly { code: string; geometry: Areal }[]): TownshipOutline[] {
  const byTownship = new Map<string, Areal[]>();
  for (const g of grids) {
    if (!/^\d{15}$/.test(g.code)) continue;
    const key = g.code.slice(0, 9);
    const list = byTownship.get(key) ?? [];
    list.push(g.geometry);
    byTownship.set(key, list);
  }
  const out: TownshipOutline[] = [];
  for (const [code, geoms] of [...byTownship].sort(([a], [b]) => a.localeCompare(b))) {
    let geometry: Areal;
    try {
      geometry = mergePolygons(geoms);
    } catch {
      continue;
    }
    const [lon, lat] = interiorPoint(geometry);
    out.push({ code, geometry, labelAt: [lon, lat], grids: geoms.length });
  }
  return out;
}
