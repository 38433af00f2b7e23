import { z } from "zod";
import { regionCodeSchema } from "../schemas/common-schemas";
import { riskLevels } from "../site/site-kinds";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期格式应为 YYYY-MM-DD" });
const text = (max: number, zh: string) => z.string({ error: zh }).trim().min(1, { error: zh }).max(max);

export const serviceOrgInput = z.strictObject({
  regionCode: regionCodeSchema,
  name: text(100, "请填写机构名称"),
  uscc: z.string().trim().max(18).nullish(),
  qualification: text(200, "请填写机构资质"),
  contactName: z.string().trim().max(40).nullish(),
  contactPhone: z.string().trim().max(20).nullish(),
});
export type ServiceOrgInput = z.output<typeof serviceOrgInput>;

export const serviceExpertInput = z.strictObject({
  name: text(40, "请填写专家姓名"),
  userId: z.string().min(1).max(64).nullish(),
  qualification: text(100, "请填写专家资质（如注册安全工程师）"),
  certificateNo: text(60, "请填写资格证书编号"),
  validFrom: date,
  validUntil: date,
});
export type ServiceExpertInput = z.output<typeof serviceExpertInput>;

export const engagementInput = z.strictObject({
  expertId: z.string({ error: "请选择专家" }).min(1, { error: "请选择专家" }).max(64),
  regionCode: regionCodeSchema,
  title: text(100, "请填写委托事项"),
  startsOn: date,
  endsOn: date,
  siteIds: z.array(z.string().min(1).max(64)).max(500).default([]),
  caseIds: z.array(z.string().min(1).max(64)).max(500).default([]),
});
export type EngagementInput = z.output<typeof engagementInput>;

export const assessmentInput = z.strictObject({
  result: z.enum(riskLevels, { error: "请选择评估结果（红、橙、黄、蓝）" }),
  findings: text(4000, "请填写评估发现"),
});
export type AssessmentInput = z.output<typeof assessmentInput>;

export const assessmentDecisionInput = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(500).nullish(),
});

export const guidanceInput = z.strictObject({
  comment: text(4000, "请填写指导意见"),
  evidenceIds: z.array(z.string().min(1).max(64)).max(9).default([]),
});
export type GuidanceInput = z.output<typeof guidanceInput>;

export const providerWorkQuery = z.strictObject({
  orgId: z.string().min(1).max(64).optional(),
  from: date.optional(),
  to: date.optional(),
});
export type ProviderWorkQuery = z.output<typeof providerWorkQuery>;
