import { randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findTrainingPlan,
  insertTrainingPlan,
  listTrainingPlans,
} from "../../../db/queries/training-plan-queries";
import type { TrainingPlanTable } from "../../../db/schema/assessment-tables";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { type TrainingPlanView, trainingPlanInput } from "../../../domain/tasks/training-plan";
import type { Deps } from "../../deps";

const present = (
  actor: Actor,
  p: TrainingPlanTable & { heldSessions?: number | string | null },
): TrainingPlanView => ({
  id: p.id,
  regionCode: p.regionCode,
  year: p.year,
  title: p.title,
  content: p.content,
  plannedSessions: p.plannedSessions,
  plannedHours: p.plannedHours,
  heldSessions: Number(p.heldSessions ?? 0),
  createdAt: p.createdAt,
  abilities: { manage: can(actor, "trainingPlan", "manage", p) },
});

/** Annual training plans (R19) the actor reads, with the sessions held under each; `year` narrows. */
export async function listTrainingPlanViews(deps: Deps, actor: Actor, year?: number) {
  return { items: (await listTrainingPlans(deps.db, actor, year)).map((p) => present(actor, p)) };
}

/** A county's or township's annual plan (offices and township stations of that region). */
export async function createTrainingPlan(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(trainingPlanInput, raw);
  if (!can(actor, "trainingPlan", "manage", { regionCode: input.regionCode }))
    throw new AppError("forbidden");
  const now = deps.clock.now();
  const row: TrainingPlanTable = {
    id: randomUUID(),
    ...input,
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertTrainingPlan(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "training_plan.created",
        subjectType: "training_plan",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: { title: row.title, year: row.year, plannedSessions: row.plannedSessions },
      },
      now,
    );
  });
  return present(actor, row);
}

/**
 * The plan a new session is filed under: one the actor reads, whose region holds the session's audience
 * region; else 422 `training_plan_unknown` (nothing is created).
 */
export async function planForSession(deps: Deps, actor: Actor, planId: string, regionCode: string) {
  const plan = await findTrainingPlan(deps.db, planId);
  if (!plan || !can(actor, "trainingPlan", "read", plan) || !regionCode.startsWith(plan.regionCode))
    throw new AppError("training_plan_unknown");
  return plan;
}
