import { z } from "zod";
import { type RiskLevel, riskLevels, type SiteKind, siteKinds } from "../site/site-kinds";
import { type PatrolFrequency, patrolFrequencies } from "./patrol-frequency";

/**
 * The patrol plan (巡查计划, R22): how often a grid worker visits a site, by its risk level, with optional
 * overrides per site kind (households, 家庭户, yearly). Set per county by its offices; a county that never
 * set one uses the defaults. Sites not yet rated use `unrated`.
 */
export { type PatrolFrequency, patrolFrequencies, patrolFrequencyLabel } from "./patrol-frequency";

export interface PatrolPlan {
  byRisk: Record<RiskLevel, PatrolFrequency>;
  /** Sites without a risk level. */
  unrated: PatrolFrequency;
  /** A kind listed here is patrolled at this frequency whatever its risk level. */
  byKind: Partial<Record<SiteKind, PatrolFrequency>>;
}

export const defaultPatrolPlan: PatrolPlan = {
  byRisk: { red: "weekly", orange: "fortnightly", yellow: "monthly", blue: "quarterly" },
  unrated: "monthly",
  byKind: { household: "yearly" },
};

const frequency = z.enum(patrolFrequencies, {
  error: "巡查频次须为 weekly、fortnightly、monthly、quarterly、half_yearly 或 yearly",
});

export const patrolPlanInput = z.strictObject(
  {
    byRisk: z.strictObject(
      Object.fromEntries(riskLevels.map((r) => [r, frequency])) as Record<RiskLevel, typeof frequency>,
      { error: "须为四个风险等级（red、orange、yellow、blue）各设一个频次" },
    ),
    unrated: frequency,
    byKind: z
      .partialRecord(z.enum(siteKinds, { error: "场所类型不正确" }), frequency, {
        error: "按场所类型的频次格式不正确",
      })
      .default({}),
  },
  { error: "巡查计划格式不正确" },
);

/** The frequency a site is patrolled at under the plan. */
export function frequencyOf(
  plan: PatrolPlan,
  site: { kind: string; riskLevel: string | null },
): PatrolFrequency {
  const byKind = plan.byKind[site.kind as SiteKind];
  if (byKind) return byKind;
  const risk = site.riskLevel as RiskLevel | null;
  return risk && risk in plan.byRisk ? plan.byRisk[risk] : plan.unrated;
}

/**
 * The plan as an ordered list of (kind?, risk?) -> frequency rules, first match wins, ending with a rule
 * that matches everything (the SQL side turns it into one CASE expression). Same answer as `frequencyOf`.
 */
export function planRules(
  plan: PatrolPlan,
): { kind?: SiteKind; risk?: RiskLevel; frequency: PatrolFrequency }[] {
  const kinds = Object.entries(plan.byKind) as [SiteKind, PatrolFrequency][];
  return [
    ...kinds.map(([kind, f]) => ({ kind, frequency: f })),
    ...riskLevels.map((risk) => ({ risk, frequency: plan.byRisk[risk] })),
    { frequency: plan.unrated },
  ];
}

/** A stored plan read back: anything missing or unknown falls back to the default. */
export function parseStoredPlan(text: string | null | undefined): PatrolPlan {
  if (!text) return defaultPatrolPlan;
  try {
    const parsed = patrolPlanInput.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : defaultPatrolPlan;
  } catch {
    return defaultPatrolPlan;
  }
}
