import { z } from "zod";
import { caseTypes } from "../case/case-types";
import { fieldItemBase } from "../schemas/field-schemas";
import { isIndustryCode } from "../site/industry";
import { siteKinds } from "../site/site-kinds";
import { checklistAnswers } from "./checklist-types";

const itemId = z.string({ error: "检查项编号须为文字" }).regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
  error: "检查项编号只能由小写字母、数字、下划线和连字符组成",
});
const checklistId = z
  .string({ error: "检查表编号须为文字" })
  .regex(/^[a-z0-9][a-z0-9_-]{2,63}$/, { error: "检查表编号格式不正确" });
const county = z.string({ error: "请指定县区" }).regex(/^\d{6}$/, { error: "县区代码须为 6 位数字" });

/** A checklist as an office writes it (a new one, or a new version of one). */
export const checklistInput = z.strictObject({
  regionCode: county,
  title: z.string({ error: "请填写检查表名称" }).trim().min(2, { error: "检查表名称至少 2 个字" }).max(60),
  siteKinds: z
    .array(z.enum(siteKinds, { error: "场所类型无效" }), { error: "请选择适用的场所类型" })
    .min(1, { error: "至少选择一种场所类型" })
    .max(siteKinds.length),
  industries: z
    .array(z.string().refine(isIndustryCode, { error: "行业代码无效（GB/T 4754）" }))
    .max(20)
    .default([]),
  items: z
    .array(
      z.strictObject({
        /** Kept from the version edited; a new item leaves it out and gets one. */
        id: itemId.optional(),
        text: z.string({ error: "请填写检查内容" }).trim().min(4, { error: "检查内容至少 4 个字" }).max(200),
        requirePhoto: z.boolean().default(false),
      }),
      { error: "检查项格式不正确" },
    )
    .min(1, { error: "至少需要一个检查项" })
    .max(60, { error: "检查项最多 60 个" }),
  /** The version the edit was made on: another office's newer version answers 409 `conflict`. */
  version: z.number().int().min(1).optional(),
});
export type ChecklistInput = z.output<typeof checklistInput>;

export const retireChecklistInput = z.strictObject({
  regionCode: county,
  /** false puts a retired checklist back in use. */
  retired: z.boolean().default(true),
});

export const checklistListQuery = z.strictObject({
  region: county.optional(),
  /** The console also lists retired checklists. */
  includeRetired: z.enum(["true", "false"]).optional(),
});

export const checklistRunInput = z.strictObject({
  id: fieldItemBase.id,
  at: fieldItemBase.at,
  location: fieldItemBase.location,
  evidenceIds: fieldItemBase.evidenceIds,
  siteId: z.string({ error: "请选择场所" }).min(1).max(64),
  checklistId,
  version: z.number({ error: "检查表版本须为数字" }).int().min(1),
  answers: z
    .array(
      z.strictObject({
        itemId,
        answer: z.enum(checklistAnswers, { error: "答案须为 符合/不符合/不适用" }),
        note: z.string().trim().max(500, { error: "备注最多 500 字" }).optional(),
        evidenceIds: fieldItemBase.evidenceIds,
      }),
    )
    .min(1, { error: "请至少回答一个检查项" })
    .max(60),
});
export type ChecklistRunInput = z.output<typeof checklistRunInput>;

export const checklistReportInput = z.strictObject({
  itemIds: z.array(itemId).min(1, { error: "请选择要上报的不符合项" }).max(60),
  category: z.string({ error: "请选择行业类别" }).regex(/^[a-z][a-z0-9_]{1,39}$/, { error: "行业类别无效" }),
  description: z.string().trim().max(2000).optional(),
  /** general → 一般隐患, major → 重大隐患 (the case type). */
  severity: z.enum(["general", "major"]).optional(),
  type: z.enum(caseTypes).optional(),
  idempotencyKey: z.string().trim().min(8, { error: "幂等键至少 8 个字符" }).max(100),
});
export type ChecklistReportInput = z.output<typeof checklistReportInput>;
