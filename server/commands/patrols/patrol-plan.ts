import { z } from "zod";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import { findPatrolPlans, savePatrolPlan } from "../../../db/queries/patrol-queries";
import { findRegion } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import {
  defaultPatrolPlan,
  type PatrolPlan,
  parseStoredPlan,
  patrolPlanInput,
} from "../../../domain/patrol/patrol-plan";
import { patrolPolicy } from "../../../domain/policies/patrol-policy";
import type { Deps } from "../../deps";

export const patrolPlanParams = z.strictObject({
  regionCode: z.string().regex(/^\d{6}$/, { error: "须为 6 位县区代码" }),
});

/** The plans of some counties (the default where a county never set one). */
export async function plansOf(db: Tx, counties: Iterable<string>): Promise<Map<string, PatrolPlan>> {
  const codes = [...new Set(counties)];
  const rows = await findPatrolPlans(db, codes);
  const out = new Map(codes.map((c) => [c, defaultPatrolPlan]));
  for (const r of rows) out.set(r.regionCode, parseStoredPlan(r.plan));
  return out;
}

async function visibleCounty(deps: Deps, actor: Actor, code: string) {
  const region = await findRegion(deps.db, code);
  if (region?.level !== "county" || !patrolPolicy.readPlan(actor, code)) throw new AppError("not_found");
  return region;
}

export async function readPatrolPlan(deps: Deps, actor: Actor, code: string) {
  const region = await visibleCounty(deps, actor, code);
  const [row] = await findPatrolPlans(deps.db, [code]);
  return {
    regionCode: code,
    regionName: region.name,
    plan: parseStoredPlan(row?.plan),
    custom: !!row,
    defaults: defaultPatrolPlan,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
    abilities: { manage: patrolPolicy.managePlan(actor, code) },
  };
}

/** Sets the county's patrol plan (its offices); the trail records the plan before and after. */
export async function updatePatrolPlan(deps: Deps, actor: Actor, code: string, raw: unknown) {
  const plan = parseInput(patrolPlanInput, raw);
  await visibleCounty(deps, actor, code);
  if (!patrolPolicy.managePlan(actor, code)) throw new AppError("forbidden");
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = (await plansOf(tx, [code])).get(code);
    await savePatrolPlan(tx, {
      regionCode: code,
      plan: JSON.stringify(plan),
      updatedBy: actor.id,
      updatedAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "patrol_plan.updated",
        subjectType: "patrol_plan",
        subjectId: code,
        regionCode: code,
        data: { from: before, to: plan },
      },
      now,
    );
  });
  return readPatrolPlan(deps, actor, code);
}
