import { z } from "zod";
import { riskLevels, siteKinds } from "../site/site-kinds";
import { regionCodeSchema } from "./common-schemas";
import { fieldItemBase } from "./field-schemas";

/** The most sites one delivery may go to (a county's gas stations are some dozens; a whole county's shops thousands). */
export const maxDeliveryTargets = 5000;

/**
 * The sites a delivery goes to, chosen by filter ("all gas stations in the county": the county, industry
 * 5265): resolved into per-site targets once, when the delivery is sent. Closed sites are never targets.
 */
export const deliveryTargetFilter = z.strictObject({
  region: regionCodeSchema,
  kind: z.enum(siteKinds, { error: "场所类型不正确" }).optional(),
  industry: z
    .string()
    .trim()
    .regex(/^[A-T0-9]{1,4}$/, { error: "行业代码格式不正确（门类字母或 2–4 位数字）" })
    .optional(),
  riskLevel: z.enum(riskLevels, { error: "风险等级不正确" }).optional(),
});
export type DeliveryTargetFilter = z.infer<typeof deliveryTargetFilter>;

export const createDeliveryInput = z.strictObject({
  title: z.string().trim().min(1, { error: "请填写文件标题" }).max(100, { error: "标题不超过 100 字" }),
  body: z.string().trim().min(1, { error: "请填写送达内容" }).max(5000, { error: "内容不超过 5000 字" }),
  documentEvidenceId: z.string().trim().min(1).max(64).optional(),
  dueDate: z.iso.date({ error: "送达期限须为日期（YYYY-MM-DD）" }).optional(),
  filter: deliveryTargetFilter,
  /** The count the sender was shown: the delivery is refused (409) when the filter now finds another number. */
  expectedCount: z.number().int().min(0).optional(),
});
export type CreateDeliveryInput = z.infer<typeof createDeliveryInput>;

export const deliveryOutcomes = ["delivered", "refused"] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];
export const deliveryStatuses = ["pending", "delivered", "refused"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const deliveryStatusLabel: Record<DeliveryStatus, { zh: string; en: string }> = {
  pending: { zh: "待送达", en: "Pending" },
  delivered: { zh: "已送达", en: "Delivered" },
  refused: { zh: "拒收", en: "Refused" },
};

/**
 * A grid worker's record of one target (field contract): delivered with a photo or an on-screen signature
 * (evidence uploaded first), or refused with the reason.
 */
export const deliveryRecordInput = z
  .strictObject({
    ...fieldItemBase,
    siteId: z.string().trim().min(1, { error: "请选择场所" }).max(64),
    outcome: z.enum(deliveryOutcomes, { error: "结果须为 delivered（已送达）或 refused（拒收）" }),
    reason: z.string().trim().max(500, { error: "拒收原因不超过 500 字" }).optional(),
  })
  .refine((r) => r.outcome !== "refused" || (r.reason ?? "").length > 0, {
    error: "拒收须填写原因",
    path: ["reason"],
  })
  .refine((r) => r.outcome !== "delivered" || r.evidenceIds.length > 0, {
    error: "送达须附现场照片或签收签名",
    path: ["evidenceIds"],
  });
export type DeliveryRecordInput = z.infer<typeof deliveryRecordInput>;

/** A delivery record's flags: the common field flags, and a site moved to another grid after it was sent. */
export const deliveryFlagLabel = {
  site_reassigned: { zh: "场所送达后已调整网格", en: "Site moved to another grid since sending" },
} as const;
