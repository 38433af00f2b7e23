import { insertEvent } from "../../../db/queries/event-queries";
import { findRegions, upsertBoundary } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { covers, hasRole } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { Areal } from "../../../domain/geo/geometry";
import { validateGridGeometry } from "../../../domain/geo/validate-geometry";
import type { Deps } from "../../deps";

export interface BoundaryFeature {
  code: string;
  name?: string;
  geometry: Areal;
}

/**
 * Replaces region boundaries with a user's official ones (e.g. from 天地图 / 自然资源 sources).
 * All or nothing: every feature must name an existing region in the actor's scope and have valid geometry.
 */
export async function importBoundaries(
  deps: Deps,
  actor: Actor,
  features: BoundaryFeature[],
  source: string,
) {
  if (!hasRole(actor, "system_admin", "province_office", "city_office", "county_office"))
    throw new AppError("forbidden");
  const known = new Map(
    (
      await findRegions(
        deps.db,
        features.map((f) => f.code),
      )
    ).map((r) => [r.code, r]),
  );
  const problems: { index: number; code: string; zh: string; en: string; location?: [number, number] }[] = [];
  features.forEach((f, index) => {
    if (!known.has(f.code) || !covers(actor, f.code))
      problems.push({
        index,
        code: f.code,
        zh: `区划 ${f.code} 不存在或不在管辖范围内`,
        en: `Region ${f.code} unknown or outside scope`,
      });
    for (const p of validateGridGeometry(f.geometry))
      problems.push({ index, code: f.code, zh: p.zh, en: p.en, location: p.location as [number, number] });
  });
  if (problems.length)
    throw new AppError("validation_failed", {
      zh: `边界数据有 ${problems.length} 处问题，未导入任何边界`,
      en: `${problems.length} problems in the boundaries; nothing imported`,
      details: { problems },
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    for (const f of features) {
      const feature = {
        type: "Feature",
        id: f.code,
        properties: { code: f.code, name: known.get(f.code)!.name },
        geometry: f.geometry,
      };
      await upsertBoundary(tx, {
        code: f.code,
        geojson: JSON.stringify(feature),
        source,
        updatedAt: now.toISOString(),
      });
    }
    await insertEvent(
      tx,
      actor,
      {
        action: "region_boundaries.imported",
        subjectType: "region",
        subjectId: features.map((f) => f.code).join(","),
        regionCode: features[0]?.code ?? null,
        data: { count: features.length, source },
      },
      now,
    );
  });
  return { imported: features.length };
}
