import type { CaseFact } from "../../domain/assessment/indicator";
import { mergeDays } from "../../domain/patrol/patrol-days";
import type { Tx } from "../db";

/**
 * The facts an assessment run (and a pay sheet) reads for one region and period, each in one query over the
 * region's code range, grouped per subject in memory (server/commands/assessment/subject-facts.ts).
 */
const under = (prefix: string) => `${prefix}%`;
/**
 * The region codes under a prefix as an index range: codes are digit strings of at most 12 digits, so
 * those starting with `prefix` are exactly [prefix, prefix followed by 9s to 12 digits] (a LIKE prefix
 * cannot seek an index on SQLite, nor on PostgreSQL under a non-C collation).
 */
const codeRange = (prefix: string): [string, string] => [prefix, prefix.padEnd(12, "9")];

/** Grid workers of the region's grids: one row per worker × grid. */
export const gridWorkersUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("gridWorker")
    .innerJoin("grid", "grid.id", "gridWorker.gridId")
    .innerJoin("appUser", "appUser.id", "gridWorker.userId")
    .select([
      "gridWorker.userId",
      "gridWorker.employment",
      "grid.id as gridId",
      "grid.code as gridCode",
      "grid.name as gridName",
      "appUser.displayName",
      "appUser.regionCode",
      "appUser.status",
    ])
    .where("grid.code", "like", under(prefix))
    .where("grid.status", "=", "active")
    .where("appUser.role", "=", "grid_worker")
    .orderBy("appUser.displayName")
    .orderBy("gridWorker.userId")
    .execute();

export const townshipsUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("region")
    .select(["code", "name"])
    .where("code", "like", under(prefix))
    .where("level", "=", "township")
    .orderBy("code")
    .execute();

export const departmentsUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("department")
    .select(["id", "name", "regionCode"])
    .where("regionCode", "like", under(prefix))
    .where("status", "=", "active")
    .orderBy("name")
    .execute();

/** Members of departments in the region (whose reports count for their department). */
export const departmentMembersUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("appUser")
    .select(["id", "departmentId"])
    .where("regionCode", "like", under(prefix))
    .where("departmentId", "is not", null)
    .execute();

/** Cases of the region reported before the period's end and not closed before its start. */
export async function caseFactsUnder(
  db: Tx,
  prefix: string,
  from: string,
  to: string,
): Promise<(CaseFact & { gridCode: string | null })[]> {
  const rows = await db
    .selectFrom("caseRecord")
    .select([
      "id",
      "number",
      "regionCode",
      "gridCode",
      "stage",
      "type",
      "category",
      "reporterId",
      "ownerDepartmentId",
      "mergedInto",
      "reportedAt",
      "closedAt",
      "deadlineState",
      "reworkCount",
    ])
    .where("regionCode", "like", under(prefix))
    .where("reportedAt", "<", to)
    .where((eb) => eb.or([eb("closedAt", "is", null), eb("closedAt", ">=", from)]))
    .execute();
  return rows.map((r) => ({ ...r, reworkCount: Number(r.reworkCount) }));
}

/** Patrols of the region received in [from, to) (an index range on the region, then the time). */
export const patrolFactsUnder = (db: Tx, prefix: string, from: string, to: string) =>
  db
    .selectFrom("patrol")
    .select(["id", "siteId", "userId", "gridId", "regionCode", "receivedAt"])
    .where("regionCode", ">=", codeRange(prefix)[0])
    .where("regionCode", "<=", codeRange(prefix)[1])
    .where("receivedAt", ">=", from)
    .where("receivedAt", "<", to)
    .execute();

/**
 * Each site's patrolled days (`patrol_day`) in the region for the Shanghai years `fromYear`..`toYear` — what
 * the dashboard's patrol plan coverage counts with: one row per site and year instead of a row per check-in (a
 * county's year: 16,000 rows, 113,000 check-ins). A site with rows under two of the region's codes (it moved)
 * has them merged.
 */
export async function patrolDaysUnder(
  db: Tx,
  prefix: string,
  fromYear: number,
  toYear: number,
): Promise<Map<string, Map<number, string>>> {
  const rows = await db
    .selectFrom("patrolDay")
    .select(["siteId", "year", "days"])
    .where("regionCode", ">=", codeRange(prefix)[0])
    .where("regionCode", "<=", codeRange(prefix)[1])
    .where("year", ">=", fromYear)
    .where("year", "<=", toYear)
    .execute();
  const out = new Map<string, Map<number, string>>();
  for (const r of rows) {
    const year = Number(r.year);
    let years = out.get(r.siteId);
    if (!years) {
      years = new Map();
      out.set(r.siteId, years);
    }
    const there = years.get(year);
    years.set(year, there ? mergeDays(there, r.days) : r.days);
  }
  return out;
}

/** Registered sites (not closed) of the region, with their grid and what their patrol frequency depends on. */
export async function siteFactsUnder(db: Tx, prefix: string) {
  const rows = await sitesUnder(db, prefix)
    .select(["id", "name", "gridId", "regionCode", "kind", "riskLevel", "createdAt", "direct"])
    .execute();
  return rows.map((r) => ({ ...r, direct: Number(r.direct) === 1 }));
}

/** The same sites with only what owing patrol periods reads (the dashboard's patrol plan coverage). */
export async function owingSitesUnder(db: Tx, prefix: string) {
  const rows = await sitesUnder(db, prefix)
    .select(["id", "kind", "riskLevel", "createdAt", "direct"])
    .execute();
  return rows.map((r) => ({ ...r, direct: Number(r.direct) === 1 }));
}

const sitesUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("site")
    .where("regionCode", ">=", codeRange(prefix)[0])
    .where("regionCode", "<=", codeRange(prefix)[1])
    .where("status", "!=", "closed");

/** Sessions starting in the period whose audience is in the region or above it (`ancestors`). */
export const trainingFactsFor = (db: Tx, prefix: string, ancestors: string[], from: string, to: string) =>
  db
    .selectFrom("training")
    .select(["id", "title", "regionCode", "startsAt", "endsAt", "hours"])
    .where((eb) =>
      eb.or([
        eb("regionCode", "like", under(prefix)),
        ...(ancestors.length ? [eb("regionCode", "in", ancestors)] : []),
      ]),
    )
    .where("startsAt", ">=", from)
    .where("startsAt", "<", to)
    .execute();

export async function attendanceFactsOf(db: Tx, trainingIds: string[]) {
  if (trainingIds.length === 0) return [];
  return db
    .selectFrom("trainingAttendance")
    .select(["id", "trainingId", "userId", "score"])
    .where("trainingId", "in", trainingIds)
    .execute();
}
