import type { CaseFact } from "../../domain/assessment/indicator";
import type { Tx } from "../db";
import { underPrefix } from "../scope";

/**
 * The facts an assessment run (and a pay sheet) reads for one region and period, each in one query over the
 * region's code range (`underPrefix`: an index range), grouped per subject in memory
 * (server/commands/assessment/subject-facts.ts).
 */

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
    .where((eb) => underPrefix(eb, "grid.code", prefix))
    .where("grid.status", "=", "active")
    .where("appUser.role", "=", "grid_worker")
    .orderBy("appUser.displayName")
    .orderBy("gridWorker.userId")
    .execute();

export const townshipsUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("region")
    .select(["code", "name"])
    .where((eb) => underPrefix(eb, "code", prefix))
    .where("level", "=", "township")
    .orderBy("code")
    .execute();

export const departmentsUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("department")
    .select(["id", "name", "regionCode"])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .where("status", "=", "active")
    .orderBy("name")
    .execute();

/** Members of departments in the region (whose reports count for their department). */
export const departmentMembersUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("appUser")
    .select(["id", "departmentId"])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
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
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .where("reportedAt", "<", to)
    .where((eb) => eb.or([eb("closedAt", "is", null), eb("closedAt", ">=", from)]))
    .execute();
  return rows.map((r) => ({ ...r, reworkCount: Number(r.reworkCount) }));
}

export const patrolFactsUnder = (db: Tx, prefix: string, from: string, to: string) =>
  db
    .selectFrom("patrol")
    .select(["id", "siteId", "userId", "gridId", "regionCode", "receivedAt"])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .where("receivedAt", ">=", from)
    .where("receivedAt", "<", to)
    .execute();

/** Registered sites (not closed) of the region, with their grid and what their patrol frequency depends on. */
export async function siteFactsUnder(db: Tx, prefix: string) {
  const rows = await db
    .selectFrom("site")
    .select(["id", "name", "gridId", "regionCode", "kind", "riskLevel", "createdAt", "direct"])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .where("status", "!=", "closed")
    .execute();
  return rows.map((r) => ({ ...r, direct: Number(r.direct) === 1 }));
}

/** Sessions starting in the period whose audience is in the region or above it (`ancestors`). */
export const trainingFactsFor = (db: Tx, prefix: string, ancestors: string[], from: string, to: string) =>
  db
    .selectFrom("training")
    .select(["id", "title", "regionCode", "startsAt", "endsAt", "hours"])
    .where((eb) =>
      eb.or([
        underPrefix(eb, "regionCode", prefix),
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
