import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { TaskRecordTable } from "../schema/task-tables";

export type TaskRecordRow = TaskRecordTable & {
  recorderName: string | null;
  siteName: string | null;
  regionName: string | null;
};

export interface TaskRecordFilter {
  region?: string;
  kind?: string;
  /** Received from (inclusive), ISO. */
  from?: string;
  /** Received before (exclusive), ISO. */
  to?: string;
}

export const insertTaskRecord = (db: Tx, row: TaskRecordTable) =>
  db.insertInto("taskRecord").values(row).execute();

export const findTaskRecord = (db: Tx, id: string) =>
  db.selectFrom("taskRecord").selectAll().where("id", "=", id).executeTakeFirst();

function filtered(db: Tx, actor: PolicyActor, action: "read" | "export", f: TaskRecordFilter) {
  let q = db
    .selectFrom("taskRecord")
    .leftJoin("appUser", "appUser.id", "taskRecord.recordedBy")
    .leftJoin("site", "site.id", "taskRecord.siteId")
    .leftJoin("region", "region.code", "taskRecord.regionCode")
    .where((eb) => policyFilter(eb, ruleOf("taskRecord", action), actor, "taskRecord"));
  if (f.region) q = q.where("taskRecord.regionCode", "like", `${f.region}%`);
  if (f.kind) q = q.where("taskRecord.kindCode", "=", f.kind);
  if (f.from) q = q.where("taskRecord.receivedAt", ">=", f.from);
  if (f.to) q = q.where("taskRecord.receivedAt", "<", f.to);
  return q;
}

/** The records the actor reads (access table taskRecord.read), newest first. */
export function listTaskRecords(
  db: Tx,
  actor: PolicyActor,
  f: TaskRecordFilter,
  page: { limit: number; offset: number },
  action: "read" | "export" = "read",
): Promise<TaskRecordRow[]> {
  return filtered(db, actor, action, f)
    .selectAll("taskRecord")
    .select(["appUser.displayName as recorderName", "site.name as siteName", "region.name as regionName"])
    .orderBy("taskRecord.receivedAt", "desc")
    .orderBy("taskRecord.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countTaskRecords(db: Tx, actor: PolicyActor, f: TaskRecordFilter): Promise<number> {
  const row = await filtered(db, actor, "read", f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
