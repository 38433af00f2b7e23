import type { Tx } from "../db";

/** Names for ids shown on case rows: departments, users and regions, one query each. */
export async function departmentNames(db: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("department").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(db: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("appUser")
    .select(["id", "displayName"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function regionNames(db: Tx, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("region").select(["code", "name"]).where("code", "in", wanted).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Grid names by grid code (a case keeps the code of the grid it was reported in). */
export async function gridNamesByCode(db: Tx, codes: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("grid").select(["code", "name"]).where("code", "in", wanted).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Active departments of a county (the routing suggestion picks among them). */
export function countyDepartments(db: Tx, countyCode: string) {
  return db
    .selectFrom("department")
    .select(["id", "kind", "name", "gridRole", "regionCode"])
    .where("regionCode", "=", countyCode)
    .where("status", "=", "active")
    .orderBy("name")
    .execute();
}

/** Departments that have held or returned a case (from its trail): not suggested again after a return. */
export async function departmentsThatHeld(db: Tx, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("event")
    .select("data")
    .where("subjectType", "=", "case")
    .where("subjectId", "=", caseId)
    .where("action", "in", ["case.returned", "case.forwarded"])
    .execute();
  const out = new Set<string>();
  for (const r of rows) {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    for (const k of ["returnedBy", "fromDepartmentId"]) if (typeof d[k] === "string") out.add(d[k] as string);
  }
  return [...out];
}

/** Degrees of latitude / longitude spanning about `m` metres around `lat`. */
function box(lat: number, m: number) {
  const dLat = m / 111_320;
  const dLng = m / (111_320 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  return { dLat, dLng };
}

/** Open cases that may be the same problem: same site, or same category within `radiusM` of the point. */
export async function possibleDuplicates(
  db: Tx,
  kase: { id: string; siteId: string | null; category: string; lng: number | null; lat: number | null },
  radiusM = 200,
  limit = 10,
) {
  const sameSite = kase.siteId
    ? await db
        .selectFrom("caseRecord")
        .selectAll()
        .where("siteId", "=", kase.siteId)
        .where("open", "=", 1)
        .where("id", "!=", kase.id)
        .orderBy("reportedAt", "desc")
        .limit(limit)
        .execute()
    : [];
  let nearby: typeof sameSite = [];
  if (kase.lat !== null && kase.lng !== null) {
    const { dLat, dLng } = box(kase.lat, radiusM);
    nearby = await db
      .selectFrom("caseRecord")
      .selectAll()
      .where("category", "=", kase.category)
      .where("open", "=", 1)
      .where("lat", ">=", kase.lat - dLat)
      .where("lat", "<=", kase.lat + dLat)
      .where("lng", ">=", kase.lng - dLng)
      .where("lng", "<=", kase.lng + dLng)
      .where("id", "!=", kase.id)
      .orderBy("reportedAt", "desc")
      .limit(limit)
      .execute();
  }
  const seen = new Set<string>();
  return [...sameSite, ...nearby].filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}
