import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  deleteDeadlineRule,
  findDeadlineRule,
  insertDeadlineRule,
} from "../../../db/queries/case-deadline-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { type Actor, covers } from "../../../domain/auth/actor";
import { officeRoles } from "../../../domain/auth/roles";
import { defaultCaseCategories } from "../../../domain/case/case-categories";
import { parseInput } from "../../../domain/case/case-schemas";
import { caseTypes } from "../../../domain/case/case-types";
import { timedStages } from "../../../domain/case/deadline-rules";
import { AppError } from "../../../domain/errors";
import { isRegionCode } from "../../../domain/region/region-code";
import type { Deps } from "../../deps";

export const deadlineRuleInput = z
  .strictObject({
    regionPrefix: z
      .string({ error: "请选择适用地区" })
      .refine(isRegionCode, { error: "适用地区须为行政区划代码" }),
    category: z
      .string()
      .refine((c) => c in defaultCaseCategories, { error: "行业类别不存在" })
      .nullable()
      .default(null),
    type: z.enum(caseTypes, { error: "案件类型无效" }).nullable().default(null),
    stage: z.enum(timedStages as unknown as [string, ...string[]], { error: "该阶段不计时限" }),
    unit: z.enum(["working_days", "working_hours"], { error: "时限单位须为工作日或工作小时" }),
    amount: z
      .number({ error: "时限须为数字" })
      .int({ error: "时限须为整数" })
      .min(1, { error: "时限至少为 1" })
      .max(2000, { error: "时限过长" }),
  })
  .refine((r) => r.unit === "working_hours" || r.amount <= 365, {
    error: "工作日时限不能超过 365 天",
    path: ["amount"],
  });

/** Safety offices set the time limits of their own jurisdiction. */
export const canManageDeadlineRules = (actor: Pick<Actor, "role" | "scope">, regionPrefix: string) =>
  officeRoles.includes(actor.role) && covers(actor, regionPrefix);

export async function createDeadlineRule(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(deadlineRuleInput, raw);
  if (!canManageDeadlineRules(actor, input.regionPrefix)) throw new AppError("forbidden");
  const row = { id: randomUUID(), ...input, createdBy: actor.id, createdAt: deps.clock.now().toISOString() };
  await deps.db.transaction().execute(async (tx) => {
    await insertDeadlineRule(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "case_deadline_rule.created",
        subjectType: "case_deadline_rule",
        subjectId: row.id,
        regionCode: input.regionPrefix,
        data: { ...input },
      },
      deps.clock.now(),
    );
  });
  return { ...row, builtIn: false };
}

export async function removeDeadlineRule(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (tx) => {
    const rule = await findDeadlineRule(tx, id);
    if (!rule || !covers(actor, rule.regionPrefix)) throw new AppError("not_found");
    if (!canManageDeadlineRules(actor, rule.regionPrefix)) throw new AppError("forbidden");
    await deleteDeadlineRule(tx, id);
    await insertEvent(
      tx,
      actor,
      {
        action: "case_deadline_rule.deleted",
        subjectType: "case_deadline_rule",
        subjectId: id,
        regionCode: rule.regionPrefix,
        data: { before: rule },
      },
      deps.clock.now(),
    );
  });
}
