import { AppError } from "../errors";

/** Accident grades of 生产安全事故报告和调查处理条例 (for concealed or falsely reported accidents). */
export const accidentGrades = ["ordinary", "larger", "major", "especially_major"] as const;
export type AccidentGrade = (typeof accidentGrades)[number];

/**
 * Reward rules (安全生产领域举报奖励办法, 安监总财〔2018〕19号, R20): a share of the fine for major hazards and
 * illegal production with a floor and a cap; a fixed amount per concealed death for a concealed or falsely
 * reported accident, by grade, capped. Provinces and cities differ (20 %, 500,000 caps…): these are
 * configuration, the national defaults below are what a county starts with.
 */
export interface RewardRules {
  /** Share of the fine, in per cent. */
  finePercent: number;
  minYuan: number;
  maxYuan: number;
  /** Yuan per concealed death, by accident grade. */
  perDeathYuan: Record<AccidentGrade, number>;
  concealedMaxYuan: number;
}

export const nationalRewardRules: RewardRules = {
  finePercent: 15,
  minYuan: 3_000,
  maxYuan: 300_000,
  perDeathYuan: { ordinary: 30_000, larger: 40_000, major: 50_000, especially_major: 60_000 },
  concealedMaxYuan: 300_000,
};

/** What a reward is for: a major hazard or illegal production (by the fine), or a concealed accident. */
export type RewardMatter =
  | { rule: "major_hazard" | "illegal_production"; fineYuan: number }
  | { rule: "concealed_accident"; grade: AccidentGrade; concealedDeaths: number };

export const rewardRuleLabel: Record<RewardMatter["rule"], { zh: string; en: string }> = {
  major_hazard: { zh: "重大事故隐患", en: "Major hazard" },
  illegal_production: { zh: "违法生产经营建设", en: "Illegal production" },
  concealed_accident: { zh: "瞒报、谎报事故", en: "Concealed accident" },
};

export const gradeLabel: Record<AccidentGrade, string> = {
  ordinary: "一般事故",
  larger: "较大事故",
  major: "重大事故",
  especially_major: "特别重大事故",
};

export interface RewardAmount {
  amountYuan: number;
  /** How it was computed, in Chinese (shown to the approver and kept with the record). */
  basis: string;
}

const yuan = (n: number) => `${n.toLocaleString("en-US")} 元`;

/** The reward for a matter under the rules; whole yuan (rounded half up). */
export function computeReward(matter: RewardMatter, rules: RewardRules = nationalRewardRules): RewardAmount {
  if (matter.rule === "concealed_accident") {
    const per = rules.perDeathYuan[matter.grade];
    const raw = per * matter.concealedDeaths;
    const amountYuan = Math.min(raw, rules.concealedMaxYuan);
    const capped = raw > rules.concealedMaxYuan ? `，超过上限按 ${yuan(rules.concealedMaxYuan)}` : "";
    return {
      amountYuan,
      basis: `${gradeLabel[matter.grade]}瞒报 ${matter.concealedDeaths} 人 × ${yuan(per)}/人 = ${yuan(raw)}${capped}`,
    };
  }
  const raw = Math.round((matter.fineYuan * rules.finePercent) / 100);
  const amountYuan = Math.min(Math.max(raw, rules.minYuan), rules.maxYuan);
  const limit =
    raw < rules.minYuan
      ? `，低于下限按 ${yuan(rules.minYuan)}`
      : raw > rules.maxYuan
        ? `，超过上限按 ${yuan(rules.maxYuan)}`
        : "";
  return {
    amountYuan,
    basis: `罚款 ${yuan(matter.fineYuan)} × ${rules.finePercent}% = ${yuan(raw)}${limit}`,
  };
}

/** Checks a county's rules (a bad configuration is refused with the field named). */
export function checkRewardRules(r: RewardRules): RewardRules {
  const bad = (field: string, zh: string) =>
    new AppError("validation_failed", {
      zh,
      en: `Reward rule ${field} is not valid`,
      details: { issues: [{ path: field, message: "invalid" }] },
    });
  if (!(r.finePercent > 0 && r.finePercent <= 100))
    throw bad("finePercent", "奖励比例须大于 0% 且不超过 100%");
  if (!(r.minYuan >= 0)) throw bad("minYuan", "最低奖励金额不能为负数");
  if (!(r.minYuan <= r.maxYuan)) throw bad("minYuan", "最低奖励金额不能高于最高奖励金额");
  if (!(r.concealedMaxYuan > 0)) throw bad("concealedMaxYuan", "瞒报事故奖励上限须大于 0");
  for (const g of accidentGrades)
    if (!(r.perDeathYuan[g] > 0)) throw bad(`perDeathYuan.${g}`, "每瞒报一人死亡的奖励金额须大于 0");
  return r;
}
