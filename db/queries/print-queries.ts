import type { Tx } from "../db";

/** The grid workers of a region (active accounts whose region is under the prefix), by region and name. */
export function listRegionWorkers(db: Tx, prefix: string) {
  return db
    .selectFrom("appUser")
    .select(["id", "displayName", "phone", "regionCode", "role", "status", "photoEvidenceId"])
    .where("role", "=", "grid_worker")
    .where("status", "=", "active")
    .where("regionCode", "like", `${prefix}%`)
    .orderBy("regionCode")
    .orderBy("displayName")
    .orderBy("id")
    .execute();
}

/** The active grids the given users serve, with the grid's people (one query, chunked by 500 users). */
export async function gridsOfWorkers(db: Tx, userIds: string[]) {
  const out: {
    userId: string;
    gridId: string;
    code: string;
    name: string;
    townshipCode: string;
    officerName: string | null;
    officerPhone: string | null;
    leaderName: string | null;
    leaderPhone: string | null;
    employment: string;
  }[] = [];
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom("gridWorker")
      .innerJoin("grid", "grid.id", "gridWorker.gridId")
      .select([
        "gridWorker.userId",
        "gridWorker.gridId",
        "gridWorker.employment",
        "grid.code",
        "grid.name",
        "grid.townshipCode",
        "grid.officerName",
        "grid.officerPhone",
        "grid.leaderName",
        "grid.leaderPhone",
      ])
      .where("gridWorker.userId", "in", userIds.slice(i, i + 500))
      .where("grid.status", "=", "active")
      .orderBy("grid.code")
      .execute();
    out.push(...rows);
  }
  return out;
}
