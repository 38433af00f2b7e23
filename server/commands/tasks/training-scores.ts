import { insertEvent } from "../../../db/queries/event-queries";
import { setAttendanceScore } from "../../../db/queries/training-plan-queries";
import { listAttendance } from "../../../db/queries/training-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { trainingScoresInput } from "../../../domain/tasks/training-plan";
import type { Deps } from "../../deps";
import { trainingAttendance } from "./attend-training";
import { visibleTraining } from "./trainings";

/**
 * The organiser enters attendees' scores (R19, issue 13.6: an exam, a skill contest), 0–100, for people on
 * the session's attendance only (422 `training_score_not_attendee`, naming how many, nothing stored);
 * entering a score again replaces it. The trail records who scored whom and what. Answers the attendance.
 */
export async function scoreAttendees(deps: Deps, actor: Actor, trainingId: string, raw: unknown) {
  const training = await visibleTraining(deps, actor, trainingId);
  if (!can(actor, "training", "manage", training)) throw new AppError("forbidden");
  const input = parseInput(trainingScoresInput, raw);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const attendees = new Set((await listAttendance(tx, trainingId)).map((r) => r.userId));
    const strangers = input.items.filter((i) => !attendees.has(i.userId)).map((i) => i.userId);
    if (strangers.length)
      throw new AppError("training_score_not_attendee", {
        zh: `只能为本次培训已签到（或已登记）的人员录入成绩：有 ${strangers.length} 人不在签到名单中，未保存任何成绩`,
        en: `${strangers.length} of these people did not attend this training; no score was saved`,
        details: { userIds: strangers },
      });
    for (const i of input.items) await setAttendanceScore(tx, trainingId, i.userId, i.score);
    await insertEvent(
      tx,
      actor,
      {
        action: "training.scored",
        subjectType: "training",
        subjectId: trainingId,
        regionCode: training.regionCode,
        data: { title: training.title, scores: input.items },
      },
      now,
    );
  });
  return trainingAttendance(deps, actor, trainingId);
}
