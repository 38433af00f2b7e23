import { z } from "zod";
import { accidentGrades } from "./reward-rules";

const yuan = z
  .number({ error: "须为数字" })
  .int({ error: "须为整数（元）" })
  .min(0, { error: "金额不能为负数" })
  .max(1_000_000_000, { error: "金额过大" });

/** A reward proposal: what the matter was, with the fine or the concealed deaths. */
export const rewardProposalInput = z.discriminatedUnion(
  "rule",
  [
    z.strictObject({
      rule: z.enum(["major_hazard", "illegal_production"]),
      fineYuan: yuan.min(1, { error: "请填写罚款金额" }),
    }),
    z.strictObject({
      rule: z.literal("concealed_accident"),
      grade: z.enum(accidentGrades, { error: "请选择事故等级" }),
      concealedDeaths: z.number().int().min(1, { error: "瞒报死亡人数至少 1 人" }).max(1000),
    }),
  ],
  { error: "请选择奖励依据" },
);

export const rewardDecisionInput = z.strictObject({
  approve: z.boolean({ error: "请选择批准或驳回" }),
  note: z.string().trim().max(500, { error: "意见不能超过 500 个字" }).optional(),
});

export const rewardPayoutInput = z.strictObject({
  payoutRef: z
    .string({ error: "请填写付款凭证号" })
    .trim()
    .min(2, { error: "请填写付款凭证号" })
    .max(100, { error: "凭证号过长" }),
});

export const rewardRulesInput = z.strictObject({
  finePercent: z
    .number({ error: "奖励比例须为数字" })
    .positive({ error: "奖励比例须大于 0" })
    .max(100, { error: "奖励比例不能超过 100%" }),
  minYuan: yuan,
  maxYuan: yuan,
  perDeathYuan: z.strictObject({
    ordinary: yuan,
    larger: yuan,
    major: yuan,
    especially_major: yuan,
  }),
  concealedMaxYuan: yuan,
});
