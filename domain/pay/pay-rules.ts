import { z } from "zod";
import { caseTypes } from "../case/case-types";

/**
 * A grid worker's monthly pay (issue 13.5, R20 以奖代补): base pay by employment at the county's rates,
 * performance pay from the published assessment score, information rewards per valid report by case type
 * (which carries the severity: general / major hazard, violation, accident) and optionally category, and
 * deductions for sites of the worker's grids left unpatrolled in the month (if configured). Amounts are in
 * yuan with two decimals (kept as integer fen in the arithmetic).
 */
const money = z.number().min(0, { error: "金额不能为负" }).max(1_000_000);
export const rewardRule = z.strictObject({
  type: z.enum(caseTypes, { error: "案件类型不正确" }),
  /** A category code; absent: every category of the type. A rule with a category wins over one without. */
  category: z.string().min(1).max(60).optional(),
  amount: money,
});
export type RewardRule = z.output<typeof rewardRule>;

export const paySettingsInput = z.strictObject({
  baseFullTime: money,
  basePartTime: money,
  /** Performance pay at a score of 100; a score s earns performanceMax × s / 100. */
  performanceMax: money,
  rewards: z.array(rewardRule).max(50).default([]),
  /** Per site of the worker's grids not patrolled in the month; 0 = no deduction. */
  missedPatrolDeduction: money.default(0),
  /** The cap of information rewards per worker and month; 0 = none. */
  rewardCap: money.default(0),
});
export type PaySettings = z.output<typeof paySettingsInput>;

export interface ValidReport {
  caseId: string;
  number: string;
  type: string;
  category: string;
}

const fen = (yuan: number) => Math.round(yuan * 100);
const yuan = (f: number) => f / 100;

/** The amount one valid report earns: the rule for its type and category, else for its type, else 0. */
export function rewardFor(rules: RewardRule[], r: Pick<ValidReport, "type" | "category">): number {
  const exact = rules.find((x) => x.type === r.type && x.category === r.category);
  const byType = rules.find((x) => x.type === r.type && x.category === undefined);
  return (exact ?? byType)?.amount ?? 0;
}

export interface PayInput {
  employment: "full_time" | "part_time";
  /** The published assessment score for the month, or null when there is none. */
  score: number | null;
  reports: ValidReport[];
  missedSites: number;
}
export interface PayLineAmounts {
  base: number;
  /** null: no published assessment score for the month — listed as unavailable, never computed as 0. */
  performance: number | null;
  rewards: number;
  rewardItems: (ValidReport & { amount: number })[];
  deductions: number;
  total: number;
}

export function payLine(s: PaySettings, w: PayInput): PayLineAmounts {
  const base = fen(w.employment === "full_time" ? s.baseFullTime : s.basePartTime);
  const performance = w.score === null ? 0 : Math.round((fen(s.performanceMax) * w.score) / 100);
  const rewardItems = w.reports.map((r) => ({ ...r, amount: rewardFor(s.rewards, r) }));
  let rewards = rewardItems.reduce((t, r) => t + fen(r.amount), 0);
  if (s.rewardCap > 0) rewards = Math.min(rewards, fen(s.rewardCap));
  const deductions = Math.min(base + performance + rewards, fen(s.missedPatrolDeduction) * w.missedSites);
  return {
    base: yuan(base),
    performance: w.score === null ? null : yuan(performance),
    rewards: yuan(rewards),
    rewardItems,
    deductions: yuan(deductions),
    total: yuan(base + performance + rewards - deductions),
  };
}

/** A bank account as finance and the console show it: the first 4 and last 4 digits. */
export function maskAccount(account: string | null): string | null {
  if (!account) return null;
  const digits = account.replace(/\s/g, "");
  if (digits.length <= 8) return `${digits.slice(0, 2)}****${digits.slice(-2)}`;
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}

export const payProfileInput = z.strictObject({
  bankName: z.string().trim().min(2, { error: "请填写开户银行" }).max(60),
  bankAccount: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{12,30}$/, { error: "银行账号为 12–30 位数字" })),
});

export const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "月份格式为 YYYY-MM" });

export const equipmentInput = z.strictObject({
  userId: z.string().min(1),
  item: z.string().trim().min(1, { error: "请填写装备名称" }).max(60),
  quantity: z.number().int().min(1).max(1000).default(1),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "发放日期格式为 YYYY-MM-DD" }),
  note: z.string().trim().max(200).optional(),
});

export const equipmentReturnInput = z.strictObject({
  returnedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "归还日期格式为 YYYY-MM-DD" }),
});

export const paySheetInput = z.strictObject({
  regionCode: z.string().regex(/^\d{6}$/, { error: "请选择县（区）" }),
  month: monthKey,
});

export const payExclusionInput = z.strictObject({
  reason: z.string().trim().min(4, { error: "请填写不发放的原因（至少 4 个字）" }).max(200),
});
