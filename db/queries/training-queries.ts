import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { TrainingAttendanceTable, TrainingTable } from "../schema/task-tables";

export type TrainingRow = TrainingTable & { attendees: number };

export const insertTraining = (db: Tx, row: TrainingTable) => db.insertInto("training").values(row).execute();

export const findTraining = (db: Tx, id: string) =>
  db.selectFrom("training").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * Sessions under a rule of the access table (training.read for the console list, training.attend for a
 * worker's own), optionally those ending after `endsAfter`, soonest first.
 */
export function listTrainings(
  db: Tx,
  actor: PolicyActor,
  action: "read" | "attend" | "manage",
  f: { region?: string; endsAfter?: string; limit: number },
): Promise<TrainingRow[]> {
  let q = db
    .selectFrom("training")
    .selectAll("training")
    .select((eb) =>
      eb
        .selectFrom("trainingAttendance")
        .whereRef("trainingAttendance.trainingId", "=", "training.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("attendees"),
    )
    .where((eb) => policyFilter(eb, ruleOf("training", action), actor, "training"));
  if (f.region) q = q.where("training.regionCode", "like", `${f.region}%`);
  if (f.endsAfter) q = q.where("training.endsAt", ">=", f.endsAfter);
  return q
    .orderBy("training.startsAt", f.endsAfter ? "asc" : "desc")
    .orderBy("training.id")
    .limit(f.limit)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, attendees: Number(r.attendees ?? 0) })));
}

export const insertAttendance = (db: Tx, row: TrainingAttendanceTable) =>
  db.insertInto("trainingAttendance").values(row).execute();

export const findAttendance = (db: Tx, id: string) =>
  db.selectFrom("trainingAttendance").selectAll().where("id", "=", id).executeTakeFirst();

export const findAttendanceOf = (db: Tx, trainingId: string, userId: string) =>
  db
    .selectFrom("trainingAttendance")
    .selectAll()
    .where("trainingId", "=", trainingId)
    .where("userId", "=", userId)
    .executeTakeFirst();

/** Which of these sessions the user has checked in to. */
export async function attendedOf(db: Tx, userId: string, trainingIds: string[]): Promise<Set<string>> {
  if (trainingIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("trainingAttendance")
    .select("trainingId")
    .where("userId", "=", userId)
    .where("trainingId", "in", trainingIds)
    .execute();
  return new Set(rows.map((r) => r.trainingId));
}

/** A session's attendance with each attendee's name and region (and who entered it), in check-in order. */
export const listAttendance = (db: Tx, trainingId: string) =>
  db
    .selectFrom("trainingAttendance")
    .leftJoin("appUser", "appUser.id", "trainingAttendance.userId")
    .leftJoin("appUser as enterer", "enterer.id", "trainingAttendance.enteredBy")
    .selectAll("trainingAttendance")
    .select([
      "appUser.displayName as userName",
      "appUser.role as role",
      "appUser.regionCode as userRegion",
      "enterer.displayName as enteredByName",
    ])
    .where("trainingAttendance.trainingId", "=", trainingId)
    .orderBy("trainingAttendance.receivedAt")
    .orderBy("trainingAttendance.id")
    .execute();

export async function countAttendance(db: Tx, trainingId: string): Promise<number> {
  const row = await db
    .selectFrom("trainingAttendance")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("trainingId", "=", trainingId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes one person's attendance of a session (answers how many rows went: 0 or 1). */
export const deleteAttendanceOf = (db: Tx, trainingId: string, userId: string) =>
  db
    .deleteFrom("trainingAttendance")
    .where("trainingId", "=", trainingId)
    .where("userId", "=", userId)
    .executeTakeFirst()
    .then((r) => Number(r.numDeletedRows));

/**
 * Active field accounts (grid workers, committee members, township stations) of a session's locality: its
 * region and below (the `region_code` prefix) or a region above it (`ancestors`, e.g. the township
 * station of a village's session), optionally by name; the caller checks each against training.attend.
 */
export function localityPeople(
  db: Tx,
  f: { prefix: string; ancestors: string[]; ids?: string[]; q?: string; limit: number },
) {
  let q = db
    .selectFrom("appUser")
    .select(["id", "displayName", "role", "regionCode", "scope", "status"])
    .where((eb) =>
      eb.or([
        eb("regionCode", "like", `${f.prefix}%`),
        ...(f.ancestors.length ? [eb("regionCode", "in", f.ancestors)] : []),
      ]),
    )
    .where("role", "in", ["grid_worker", "committee_member", "township_station"])
    .where("status", "=", "active");
  if (f.ids) q = q.where("id", "in", f.ids.length ? f.ids : [""]);
  if (f.q) q = q.where("displayName", "like", `%${f.q.replace(/[%_]/g, "")}%`);
  return q.orderBy("regionCode").orderBy("displayName").orderBy("id").limit(f.limit).execute();
}
