import { z } from "zod";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "考核期为月份，格式 YYYY-MM" });
const reason = z.string().trim().min(4, { error: "请写明原因（至少 4 个字）" }).max(500);

export const runInput = z.strictObject({
  period: month,
  /** Required when the period already has a published version (a new version is made). */
  reason: reason.optional(),
});
export const adjustInput = z.strictObject({
  delta: z
    .number()
    .min(-100)
    .max(100)
    .refine((d) => d !== 0, { error: "调整分值不能为 0" }),
  reason,
});
export const manualScoreInput = z.strictObject({
  points: z.number().min(0, { error: "得分不能为负" }).max(100),
  evidence: z.string().trim().min(2, { error: "请填写评分依据" }).max(1000),
  /**
   * 佐证材料: files uploaded first (POST /evidence) by the one scoring, or already attached to this result;
   * the list replaces the item's files (a file left out stays attached to the result, readable, unlisted).
   */
  evidenceIds: z
    .array(z.string().min(1).max(64))
    .max(9, { error: "每项最多附 9 个佐证材料文件" })
    .refine((ids) => new Set(ids).size === ids.length, { error: "佐证材料文件重复" })
    .default([]),
});
export const reviewInput = z
  .strictObject({ decision: z.enum(["approve", "return"]), note: z.string().trim().max(500).optional() })
  .refine((r) => r.decision === "approve" || (r.note?.length ?? 0) >= 2, {
    error: "退回须写明意见",
    path: ["note"],
  });
