import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import { isUniqueViolation } from "../../../db/queries/idempotency-queries";
import {
  deleteAttendanceOf,
  findAttendanceOf,
  insertAttendance,
  listAttendance,
  localityPeople,
} from "../../../db/queries/training-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Role } from "../../../domain/auth/roles";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { attendanceGraceMs, trainingAttendeesInput } from "../../../domain/tasks/training";
import type { Deps } from "../../deps";
import { ancestorsOf } from "../assessment/subject-facts";
import { trainingAttendance } from "./attend-training";
import { visibleTraining } from "./trainings";

type Training = Awaited<ReturnType<typeof visibleTraining>>;
type Person = Awaited<ReturnType<typeof localityPeople>>[number];

/** A person of the locality who could attend the session themselves (the access table's training.attend). */
const mayAttend = (training: Training, p: Person) =>
  can(
    { id: p.id, role: p.role as Role, scope: JSON.parse(p.scope) as string[], departmentId: null },
    "training",
    "attend",
    training,
  );

/** The session, if the actor is its organiser (training.manage: the same rule as scoring), else 404/403. */
async function organised(deps: Deps, actor: Actor, trainingId: string) {
  const training = await visibleTraining(deps, actor, trainingId);
  if (!can(actor, "training", "manage", training)) throw new AppError("forbidden");
  return training;
}

/**
 * Who the organiser may enter (GET /trainings/:id/candidates): the active field staff of the session's
 * locality (its region and below, or the township station above a village's session), by name, each
 * marked when already on the attendance; at most 50.
 */
export async function attendeeCandidates(deps: Deps, actor: Actor, trainingId: string, q?: string) {
  const training = await organised(deps, actor, trainingId);
  const [people, attending] = await Promise.all([
    localityPeople(deps.db, {
      prefix: training.regionCode,
      ancestors: ancestorsOf(training.regionCode),
      q: q || undefined,
      limit: 200,
    }),
    listAttendance(deps.db, trainingId),
  ]);
  const on = new Set(attending.map((a) => a.userId));
  return {
    items: people
      .filter((p) => mayAttend(training, p))
      .slice(0, 50)
      .map((p) => ({
        id: p.id,
        name: p.displayName,
        role: p.role,
        regionCode: p.regionCode,
        attending: on.has(p.id),
      })),
  };
}

/**
 * The entry's transaction; a person entered or checked in by someone else at the same moment hits the
 * table's one-row-per-person constraint after the read above saw nothing: the same 422, nothing entered.
 */
async function enterOnce(deps: Deps, work: (tx: Tx) => Promise<void>) {
  try {
    await deps.db.transaction().execute(work);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new AppError("training_attendee_duplicate", {
      zh: "有人刚被他人录入或已自行签到，未录入任何人，请刷新后重试",
      en: "Someone was entered or checked in at the same moment; nobody was entered, reload and retry",
    });
  }
}

/**
 * The organiser enters attendees (POST /trainings/:id/attendees, R19, issue 13.6: attendance "entered by
 * the organiser", e.g. from a paper sign-in sheet): method `entered`, who entered them and when, the note;
 * one `training.attendee_entered` event in the trail. All or nothing: someone already on the attendance
 * (by any method) or chosen twice → 422 `training_attendee_duplicate`; someone not of the session's
 * locality (not active field staff who could check in themselves) → 422 `training_attendee_outside`;
 * before the check-in window opens (30 min before the start) → 422 `training_not_started`. Entered
 * attendance counts for hours and the assessment exactly as a check-in does. Answers the attendance.
 */
export async function enterAttendees(deps: Deps, actor: Actor, trainingId: string, raw: unknown) {
  const training = await organised(deps, actor, trainingId);
  const input = parseInput(trainingAttendeesInput, raw);
  const now = deps.clock.now();
  if (now.getTime() < Date.parse(training.startsAt) - attendanceGraceMs)
    throw new AppError("training_not_started", { details: { startsAt: training.startsAt } });
  const twice = input.userIds.filter((id, i) => input.userIds.indexOf(id) !== i);
  if (twice.length)
    throw new AppError("training_attendee_duplicate", {
      zh: "同一人重复选择，未录入任何人",
      en: "The same person was chosen twice; nobody was entered",
      details: { userIds: [...new Set(twice)] },
    });
  await enterOnce(deps, async (tx) => {
    const people = await localityPeople(tx, {
      prefix: training.regionCode,
      ancestors: ancestorsOf(training.regionCode),
      ids: input.userIds,
      limit: input.userIds.length,
    });
    const fit = new Set(people.filter((p) => mayAttend(training, p)).map((p) => p.id));
    const outside = input.userIds.filter((id) => !fit.has(id));
    if (outside.length)
      throw new AppError("training_attendee_outside", {
        zh: `有 ${outside.length} 人不是本次培训对象区划内在岗的网格员、村（居）委会成员或乡镇安监站人员，未录入任何人`,
        en: `${outside.length} of these people are not active field staff of the training's region; nobody was entered`,
        details: { userIds: outside },
      });
    const on = new Set((await listAttendance(tx, trainingId)).map((a) => a.userId));
    const already = input.userIds.filter((id) => on.has(id));
    if (already.length)
      throw new AppError("training_attendee_duplicate", {
        zh: `有 ${already.length} 人已在本次培训的签到名单中，未录入任何人`,
        en: `${already.length} of these people are already on the attendance; nobody was entered`,
        details: { userIds: already },
      });
    const at = now.toISOString();
    const entries = input.userIds.map((userId) => ({ id: randomUUID(), userId }));
    for (const e of entries)
      await insertAttendance(tx, {
        id: e.id,
        trainingId,
        userId: e.userId,
        method: "entered",
        clientAt: at,
        receivedAt: at,
        lng: null,
        lat: null,
        accuracy: null,
        distanceM: null,
        flags: "[]",
        enteredBy: actor.id,
        note: input.note || null,
      });
    await insertEvent(
      tx,
      actor,
      {
        action: "training.attendee_entered",
        subjectType: "training",
        subjectId: trainingId,
        regionCode: training.regionCode,
        data: {
          title: training.title,
          attendees: entries.map((e) => ({ attendanceId: e.id, userId: e.userId })),
          note: input.note || null,
        },
      },
      now,
    );
  });
  return trainingAttendance(deps, actor, trainingId);
}

/**
 * The organiser removes an attendee they entered (DELETE /trainings/:id/attendees/:userId): a worker's own
 * check-in by code or location is their field record and stays (422 `training_attendance_self`); someone
 * not on the attendance → 404 `training_attendee_absent`. An entered attendee who was scored is removed
 * with the score (the console's confirmation names it): the `training.attendee_removed` event keeps the
 * entry, who entered it, when, and the score. Answers the attendance.
 */
export async function removeAttendee(deps: Deps, actor: Actor, trainingId: string, userId: string) {
  const training = await organised(deps, actor, trainingId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await findAttendanceOf(tx, trainingId, userId);
    if (!row) throw new AppError("training_attendee_absent");
    if (row.method !== "entered")
      throw new AppError("training_attendance_self", { details: { method: row.method } });
    await deleteAttendanceOf(tx, trainingId, userId);
    await insertEvent(
      tx,
      actor,
      {
        action: "training.attendee_removed",
        subjectType: "training",
        subjectId: trainingId,
        regionCode: training.regionCode,
        data: {
          title: training.title,
          attendanceId: row.id,
          userId,
          enteredBy: row.enteredBy ?? null,
          enteredAt: row.receivedAt,
          note: row.note ?? null,
          score: row.score ?? null,
        },
      },
      now,
    );
  });
  return trainingAttendance(deps, actor, trainingId);
}
