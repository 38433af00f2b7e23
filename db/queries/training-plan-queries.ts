import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { TrainingPlanTable } from "../schema/assessment-tables";

export const insertTrainingPlan = (db: Tx, row: TrainingPlanTable) =>
  db.insertInto("trainingPlan").values(row).execute();

export const findTrainingPlan = (db: Tx, id: string) =>
  db.selectFrom("trainingPlan").selectAll().where("id", "=", id).executeTakeFirst();

/** Plans the actor reads, with the sessions held under each and their hours. */
export function listTrainingPlans(db: Tx, actor: PolicyActor, year?: number) {
  let q = db
    .selectFrom("trainingPlan")
    .selectAll("trainingPlan")
    .select((eb) =>
      eb
        .selectFrom("training")
        .whereRef("training.planId", "=", "trainingPlan.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("heldSessions"),
    )
    .where((eb) => policyFilter(eb, ruleOf("trainingPlan", "read"), actor, "trainingPlan"));
  if (year) q = q.where("trainingPlan.year", "=", year);
  return q.orderBy("trainingPlan.year", "desc").orderBy("trainingPlan.regionCode").limit(200).execute();
}

export const sessionsOfPlan = (db: Tx, planId: string) =>
  db
    .selectFrom("training")
    .select(["id", "title", "kind", "startsAt", "endsAt", "hours", "place", "trainer"])
    .where("planId", "=", planId)
    .orderBy("startsAt")
    .execute();

/** The plans of a year whose region is in the region or above it (`ancestors`): whose hours apply there. */
export const plansHolding = (db: Tx, prefix: string, ancestors: string[], year: number) =>
  db
    .selectFrom("trainingPlan")
    .select(["regionCode", "year", "plannedHours"])
    .where("year", "=", year)
    .where((eb) =>
      eb.or([
        eb("regionCode", "like", `${prefix}%`),
        ...(ancestors.length ? [eb("regionCode", "in", ancestors)] : []),
      ]),
    )
    .execute();

/** Every check-in to sessions of the region (or above it) starting in [from, to), with hours and score. */
export const attendedSessionsUnder = (
  db: Tx,
  prefix: string,
  ancestors: string[],
  from: string,
  to: string,
) =>
  db
    .selectFrom("trainingAttendance")
    .innerJoin("training", "training.id", "trainingAttendance.trainingId")
    .select([
      "trainingAttendance.id as attendanceId",
      "trainingAttendance.userId",
      "trainingAttendance.trainingId",
      "trainingAttendance.score",
      "training.title",
      "training.startsAt",
      "training.endsAt",
      "training.hours",
    ])
    .where((eb) =>
      eb.or([
        eb("training.regionCode", "like", `${prefix}%`),
        ...(ancestors.length ? [eb("training.regionCode", "in", ancestors)] : []),
      ]),
    )
    .where("training.startsAt", ">=", from)
    .where("training.startsAt", "<", to)
    .execute();

/** One person's check-ins to sessions starting in [from, to), with each session's title, hours and score. */
export const attendedSessionsOf = (db: Tx, userId: string, from: string, to: string) =>
  db
    .selectFrom("trainingAttendance")
    .innerJoin("training", "training.id", "trainingAttendance.trainingId")
    .select([
      "trainingAttendance.id as attendanceId",
      "trainingAttendance.userId",
      "trainingAttendance.trainingId",
      "trainingAttendance.score",
      "training.title",
      "training.startsAt",
      "training.endsAt",
      "training.hours",
    ])
    .where("trainingAttendance.userId", "=", userId)
    .where("training.startsAt", ">=", from)
    .where("training.startsAt", "<", to)
    .orderBy("training.startsAt")
    .execute();

export const setAttendanceScore = (db: Tx, trainingId: string, userId: string, score: number) =>
  db
    .updateTable("trainingAttendance")
    .set({ score })
    .where("trainingId", "=", trainingId)
    .where("userId", "=", userId)
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows));

/** Field-role accounts of a region (who may be entered as attendees, and whose hours are listed). */
export const fieldPeopleUnder = (db: Tx, prefix: string) =>
  db
    .selectFrom("appUser")
    .select(["id", "displayName", "role", "regionCode"])
    .where("regionCode", "like", `${prefix}%`)
    .where("role", "in", ["grid_worker", "committee_member", "township_station"])
    .where("status", "=", "active")
    .orderBy("regionCode")
    .orderBy("displayName")
    .limit(5000)
    .execute();
