import type { Tx } from "../db";
import { inScope } from "../scope";

export interface CaseSite {
  id: string;
  name: string;
  regionCode: string;
  gridCode: string | null;
  lng: number | null;
  lat: number | null;
  departmentId: string | null;
  /** The site's GB/T 4754 industry code as registered (any level), if any. */
  industryCode: string | null;
  /** The routing explanation recorded when the site was assigned (`{ zh, en }`), if any. */
  departmentReason: { zh: string; en: string } | null;
}

/** A site of the register (issue 3) with its grid code, as a case needs it. */
export async function findCaseSite(db: Tx, id: string): Promise<CaseSite | undefined> {
  const r = await db
    .selectFrom("site")
    .leftJoin("grid", "grid.id", "site.gridId")
    .select([
      "site.id",
      "site.name",
      "site.regionCode",
      "grid.code as gridCode",
      "site.lon",
      "site.lat",
      "site.departmentId",
      "site.industryCode",
      "site.departmentReason",
    ])
    .where("site.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  let reason: CaseSite["departmentReason"] = null;
  try {
    const parsed = JSON.parse(r.departmentReason || "{}") as { zh?: string; en?: string };
    if (parsed.zh) reason = { zh: parsed.zh, en: parsed.en ?? parsed.zh };
  } catch {
    reason = null;
  }
  return {
    id: r.id,
    name: r.name,
    regionCode: r.regionCode,
    gridCode: r.gridCode ?? null,
    lng: r.lon === null ? null : Number(r.lon),
    lat: r.lat === null ? null : Number(r.lat),
    departmentId: r.departmentId,
    industryCode: r.industryCode ?? null,
    departmentReason: reason,
  };
}

export async function siteNames(db: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("site").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Sites in a region (the demo spreads cases over them). */
export function sitesInScope(db: Tx, scope: string[], limit: number) {
  return db
    .selectFrom("site")
    .leftJoin("grid", "grid.id", "site.gridId")
    .select([
      "site.id",
      "site.regionCode",
      "site.lon",
      "site.lat",
      "site.departmentId",
      "site.industryCode",
      "grid.code as gridCode",
    ])
    .where((eb) => inScope(eb, "site.regionCode", scope))
    .where("site.lon", "is not", null)
    .orderBy("site.id")
    .limit(limit)
    .execute();
}
