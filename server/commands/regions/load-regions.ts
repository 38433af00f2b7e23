import { insertEvent } from "../../../db/queries/event-queries";
import { upsertBoundary, upsertRegions } from "../../../db/queries/region-queries";
import { readCountyBoundaries } from "../../../db/regions/boundary-data";
import { readRegionRows } from "../../../db/regions/region-data";
import type { Deps } from "../../deps";

/**
 * Loads one province's regions (official statistical codes) and its county boundaries, if the project
 * ships them. Idempotent: loading again updates names and boundaries.
 */
export async function loadRegions(
  deps: Deps,
  provinceCode: string,
): Promise<{ regions: number; boundaries: number }> {
  const rows = await readRegionRows(provinceCode);
  const boundaries = await readCountyBoundaries(provinceCode);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await upsertRegions(
      tx,
      rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
    );
    for (const f of boundaries.features) {
      await upsertBoundary(tx, {
        code: f.properties.code,
        geojson: JSON.stringify(f),
        source: boundaries.source ?? "package",
        updatedAt: now.toISOString(),
      });
    }
    await insertEvent(
      tx,
      null,
      {
        action: "regions.loaded",
        subjectType: "region",
        subjectId: provinceCode,
        regionCode: provinceCode,
        data: { regions: rows.length, boundaries: boundaries.features.length },
      },
      now,
    );
  });
  return { regions: rows.length, boundaries: boundaries.features.length };
}
