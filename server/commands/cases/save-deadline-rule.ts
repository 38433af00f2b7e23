import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Tx } from "../../../db/db";
import { categoryConfigsBelow, categoryConfigsFor } from "../../../db/queries/case-category-queries";
import {
  deleteDeadlineRule,
  findDeadlineRule,
  insertDeadlineRule,
} from "../../../db/queries/case-deadline-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { type Actor, covers } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { caseTypes } from "../../../domain/case/case-types";
import { categoryCodePattern, effectiveCategories } from "../../../domain/case/category-taxonomy";
import { timedStages } from "../../../domain/case/deadline-rules";
import { AppError } from "../../../domain/errors";
import { canManageDeadlineRules } from "../../../domain/policies/deadline-rule-policy";
import { isRegionCode } from "../../../domain/region/region-code";
import type { Deps } from "../../deps";

export const deadlineRuleInput = z
  .strictObject({
    regionPrefix: z
      .string({ error: "请选择适用地区" })
      .refine(isRegionCode, { error: "适用地区须为行政区划代码" }),
    category: z
      .string({ error: "行业类别不存在" })
      .regex(categoryCodePattern, { error: "行业类别不存在" })
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

/** Safety offices (and administrators, as for the categories) set the time limits of their jurisdiction. */
export { canManageDeadlineRules };

/**
 * A rule's category must be one the region has (built-in or configured at or above it) or one that a
 * region below it configures (a city may set the time limit of a category its counties added).
 */
async function checkCategory(tx: Tx, regionPrefix: string, category: string | null) {
  if (category === null) return;
  const known = effectiveCategories(await categoryConfigsFor(tx, [regionPrefix]), regionPrefix);
  if (known.some((c) => c.code === category)) return;
  if ((await categoryConfigsBelow(tx, regionPrefix, category)).length > 0) return;
  throw new AppError("validation_failed", {
    zh: "行业类别不存在",
    en: "Unknown category",
    details: { issues: [{ path: "category", message: "行业类别不存在" }] },
  });
}

export async function createDeadlineRule(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(deadlineRuleInput, raw);
  if (!canManageDeadlineRules(actor, input.regionPrefix)) throw new AppError("forbidden");
  const row = { id: randomUUID(), ...input, createdBy: actor.id, createdAt: deps.clock.now().toISOString() };
  await deps.db.transaction().execute(async (tx) => {
    await checkCategory(tx, input.regionPrefix, input.category);
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
