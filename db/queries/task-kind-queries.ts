import type { PolicyActor, Term } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { TaskKindTable, TaskKindVersionTable } from "../schema/task-tables";

export type TaskKindRow = TaskKindTable;

/** The county kinds the actor reads (access table taskKind.read), optionally of one county, by name. */
export function listTaskKindRows(
  db: Tx,
  actor: PolicyActor,
  rule: Term,
  f: { region?: string; includeRetired?: boolean },
) {
  let q = db
    .selectFrom("taskKind")
    .selectAll()
    .where((eb) => policyFilter(eb, rule, actor, "taskKind"));
  if (f.region) {
    // a place in a county (a village) reads its county's kinds; a wider region (a city) the counties in it
    const region = f.region;
    q =
      region.length >= 6
        ? q.where("regionCode", "=", region.slice(0, 6))
        : q.where("regionCode", "like", `${region}%`);
  }
  if (!f.includeRetired) q = q.where("status", "=", "active");
  return q.orderBy("regionCode").orderBy("createdAt").orderBy("id").execute();
}

export const findTaskKindRow = (db: Tx, id: string) =>
  db.selectFrom("taskKind").selectAll().where("id", "=", id).executeTakeFirst();

export const findTaskKindByCode = (db: Tx, regionCode: string, code: string) =>
  db
    .selectFrom("taskKind")
    .selectAll()
    .where("regionCode", "=", regionCode)
    .where("code", "=", code)
    .executeTakeFirst();

export const findTaskKindVersion = (db: Tx, kindId: string, version: number) =>
  db
    .selectFrom("taskKindVersion")
    .selectAll()
    .where("kindId", "=", kindId)
    .where("version", "=", version)
    .executeTakeFirst();

export async function insertTaskKind(db: Tx, row: TaskKindTable) {
  await db.insertInto("taskKind").values(row).execute();
  await insertTaskKindVersion(db, {
    kindId: row.id,
    version: row.version,
    zh: row.zh,
    minPhotos: row.minPhotos,
    fields: row.fields,
    createdAt: row.updatedAt,
  });
}

export const insertTaskKindVersion = (db: Tx, row: TaskKindVersionTable) =>
  db.insertInto("taskKindVersion").values(row).execute();

/** Saves an edit when the row is still at `version` (false: someone else changed it first). */
export async function updateTaskKind(
  db: Tx,
  id: string,
  version: number,
  set: Partial<Omit<TaskKindTable, "id" | "regionCode" | "code">>,
): Promise<boolean> {
  const res = await db
    .updateTable("taskKind")
    .set(set)
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
