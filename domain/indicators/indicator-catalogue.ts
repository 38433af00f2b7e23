import {
  type OwingSite,
  type PatrolTally,
  patrolCoverage,
  patrolPlanCounts,
  patrolPlanCountsKept,
} from "../assessment/coverage-indicators";
import type { Period } from "../assessment/indicator";
import type { PatrolDays } from "../patrol/patrol-days";
import type { PatrolPlan } from "../patrol/patrol-plan";
import type { CaseTally, TallyMetric } from "./case-tally";

/**
 * The indicator catalogue (issue 13.2, R23's assessment builds on it): each indicator is one pure function
 * with its written formula (zh/en, shown on hover in the console). The dashboard, the big screen and the
 * assessment all call `computeIndicator`, so a figure means the same everywhere.
 *
 * An indicator without data is unavailable (`value: null`), never 0: `no_source` when the data it needs does
 * not exist for the region (no sites registered, no patrol plans), `no_denominator` when nothing happened in
 * the period that the rate could be taken of, `by_county` when it is measured per county (a plan is a
 * county's) and the region is a city or the province.
 */

/**
 * The rows behind a register figure: the gaps its rate is short by (sites not in a grid, grids without a
 * grid worker), listed from the register and the grids (server/commands/dashboard/coverage-drill.ts).
 */
export const coverageDrills = ["sites_without_grid", "grids_without_worker"] as const;
export type CoverageDrill = (typeof coverageDrills)[number];
export type DrillMetric = TallyMetric | CoverageDrill;
export const isCoverageDrill = (m: string): m is CoverageDrill =>
  (coverageDrills as readonly string[]).includes(m);

/**
 * Register figures (from the site register's rollup `site_tally` and the grids): sites under grid
 * supervision (not closed; direct-supervision sites are not in grids by design and are left out, as on the
 * coverage page), those assigned to a grid, active grids and those with a grid worker.
 */
export interface CoverageTally {
  sites: number;
  sitesInGrid: number;
  grids: number;
  gridsWithWorker: number;
}

/**
 * What patrol plan coverage is computed from for a county or a region inside one: a village's registered
 * sites and each site's patrolled days, or a county's or township's patrol rollups (the same counts, kept by
 * triggers); the county's plan (its own or the default), and the period as UTC instants (cut at the present:
 * a period not yet over is judged on its periods that have ended). `"by_county"` for a city or the province.
 */
export type PatrolInputs =
  | {
      sites: OwingSite[];
      /** Each site's patrolled days (domain/patrol/patrol-days.ts). */
      days: ReadonlyMap<string, PatrolDays>;
      plan: PatrolPlan | null;
      period: Period;
    }
  | {
      /** A county's or township's patrol rollups (the same counts without its sites). */
      tally: PatrolTally;
      plan: PatrolPlan | null;
      period: Period;
    }
  | "by_county";

export interface IndicatorInputs {
  cases?: CaseTally | null;
  coverage?: CoverageTally | null;
  patrol?: PatrolInputs | null;
}

export type IndicatorUnit = "count" | "rate" | "hours";
export type IndicatorSource = "cases" | "coverage" | "patrol";

export interface IndicatorResult {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unavailable: null | "no_source" | "no_denominator" | "by_county";
}

export interface IndicatorDef {
  key: string;
  zh: string;
  en: string;
  unit: IndicatorUnit;
  source: IndicatorSource;
  /** Higher is better (rates of timeliness) or lower (rework, overdue, handling time). */
  better: "higher" | "lower";
  formulaZh: string;
  formulaEn: string;
  /**
   * The rows a drill-down lists: the counters the numerator is made of, or for a register figure the gap
   * it is short by.
   */
  drill: DrillMetric | null;
}

/** Options: the working-day switch chooses working hours for durations. */
export interface IndicatorOptions {
  workingDays?: boolean;
}

type Compute = (i: IndicatorInputs, o: IndicatorOptions) => IndicatorResult;

const ok = (value: number | null, numerator: number | null, denominator: number | null): IndicatorResult => ({
  value,
  numerator,
  denominator,
  unavailable: null,
});
const none = (
  why: "no_source" | "no_denominator" | "by_county",
  numerator: number | null = null,
): IndicatorResult => ({
  value: null,
  numerator,
  denominator: why === "no_denominator" ? 0 : null,
  unavailable: why,
});

/** A ratio rounded to 4 decimals (0.8333 = 83.33 %); unavailable when the denominator is 0. */
export function ratio(numerator: number, denominator: number): IndicatorResult {
  if (denominator <= 0) return none("no_denominator", numerator);
  return ok(Math.round((Math.max(0, numerator) / denominator) * 10_000) / 10_000, numerator, denominator);
}

const fromCases =
  (f: (t: CaseTally, o: IndicatorOptions) => IndicatorResult): Compute =>
  (i, o) =>
    i.cases ? f(i.cases, o) : none("no_source");
const count = (m: TallyMetric): Compute => fromCases((t) => ok(t[m], t[m], null));

const defs: [IndicatorDef, Compute][] = [
  [
    {
      key: "reported",
      zh: "上报数",
      en: "Reported",
      unit: "count",
      source: "cases",
      better: "higher",
      formulaZh: "上报数 = 统计期内上报（含举报、热线、部门移交）的案件数",
      formulaEn: "Cases reported in the period (all sources)",
      drill: "reported",
    },
    count("reported"),
  ],
  [
    {
      key: "triage_on_time_rate",
      zh: "按时受理率",
      en: "On-time triage rate",
      unit: "rate",
      source: "cases",
      better: "higher",
      formulaZh:
        "按时受理率 = 按时受理数 ÷ 受理数 × 100%（受理数含受理分类与不予受理；在受理时限内作出的为按时）",
      formulaEn:
        "Triage decisions made within the triage time limit ÷ all triage decisions (incl. rejections)",
      drill: "triaged",
    },
    fromCases((t) => ratio(t.triagedOnTime, t.triaged)),
  ],
  [
    {
      key: "dispatch_accuracy_rate",
      zh: "准确派遣率",
      en: "Dispatch accuracy rate",
      unit: "rate",
      source: "cases",
      better: "higher",
      formulaZh: "准确派遣率 = (派遣数 − 退回数 − 转办数) ÷ 派遣数 × 100%（派遣数含转办后的再派遣）",
      formulaEn: "(Dispatches − returns − forwards) ÷ dispatches (forwards count as dispatches)",
      drill: "dispatched",
    },
    fromCases((t) => ratio(t.dispatched - t.redirected, t.dispatched)),
  ],
  [
    {
      key: "handling_on_time_rate",
      zh: "按期处置率",
      en: "On-time handling rate",
      unit: "rate",
      source: "cases",
      better: "higher",
      formulaZh: "按期处置率 = 按期处置数 ÷ 处置数 × 100%（处置数为结果反馈次数；在处置时限内反馈的为按期）",
      formulaEn: "Feedbacks within the handling time limit ÷ all feedbacks",
      drill: "fedBack",
    },
    fromCases((t) => ratio(t.fedBackOnTime, t.fedBack)),
  ],
  [
    {
      key: "closing_on_time_rate",
      zh: "按期结案率",
      en: "On-time closing rate",
      unit: "rate",
      source: "cases",
      better: "higher",
      formulaZh: "按期结案率 = 按期结案数 ÷ 结案数 × 100%（按期结案：结案时各环节均未超过时限）",
      formulaEn: "Cases closed with no step past its time limit ÷ cases closed",
      drill: "closed",
    },
    fromCases((t) => ratio(t.closedOnTime, t.closed)),
  ],
  [
    {
      key: "closing_rate",
      zh: "结案率",
      en: "Closing rate",
      unit: "rate",
      source: "cases",
      better: "higher",
      formulaZh: "结案率 = 结案数 ÷ (受理数 − 不予受理数) × 100%（同一统计期内）",
      formulaEn: "Cases closed ÷ (triage decisions − rejections), same period",
      drill: "closed",
    },
    fromCases((t) => ratio(t.closed, t.triaged - t.rejected)),
  ],
  [
    {
      key: "rework_rate",
      zh: "返工率",
      en: "Rework rate",
      unit: "rate",
      source: "cases",
      better: "lower",
      formulaZh: "返工率 = 返工数 ÷ 复查数 × 100%（复查或现场验收未通过即返工）",
      formulaEn: "Failed re-checks and on-site acceptances ÷ all re-checks and acceptances",
      drill: "reworked",
    },
    fromCases((t) => ratio(t.reworked, t.rechecked)),
  ],
  [
    {
      key: "avg_handling_hours",
      zh: "平均处置时长",
      en: "Average handling time",
      unit: "hours",
      source: "cases",
      better: "lower",
      formulaZh: "平均处置时长 = Σ(结案时间 − 上报时间) ÷ 结案数（小时；按工作日口径时只计工作时间）",
      formulaEn:
        "Σ(closed at − reported at) ÷ cases closed, in hours (working hours with the working-day switch)",
      drill: "closed",
    },
    fromCases((t, o) => {
      const sum = o.workingDays ? t.handlingWorkHours : t.handlingHours;
      if (t.closed <= 0) return none("no_denominator", sum);
      return ok(Math.round((sum / t.closed) * 10) / 10, sum, t.closed);
    }),
  ],
  [
    {
      key: "overdue_steps",
      zh: "超期环节数",
      en: "Overdue steps",
      unit: "count",
      source: "cases",
      better: "lower",
      formulaZh: "超期环节数 = 统计期内晚于该环节时限办理的环节次数",
      formulaEn: "Steps done after their stage's time limit in the period",
      drill: "late",
    },
    count("late"),
  ],
  [
    {
      key: "escalated",
      zh: "督办数",
      en: "Escalations",
      unit: "count",
      source: "cases",
      better: "lower",
      formulaZh: "督办数 = 统计期内督办（含重大隐患、重复上报自动督办）的次数",
      formulaEn: "Escalations in the period (incl. automatic ones for major hazards and recurrence)",
      drill: "escalated",
    },
    count("escalated"),
  ],
  [
    {
      key: "recurrence_rate",
      zh: "重复案件率",
      en: "Recurrence rate",
      unit: "rate",
      source: "cases",
      better: "lower",
      formulaZh: "重复案件率 = 重复上报案件数 ÷ 上报数 × 100%（同一场所同一类别在规定天数内再次上报）",
      formulaEn: "Recurring reports (same site and category within the window) ÷ reports",
      drill: "recurring",
    },
    fromCases((t) => ratio(t.recurring, t.reported)),
  ],
  [
    {
      key: "site_coverage_rate",
      zh: "场所入格率",
      en: "Sites in grids",
      unit: "rate",
      source: "coverage",
      better: "higher",
      formulaZh:
        "场所入格率 = 已划入网格的场所数 ÷ 网格监管场所总数 × 100%（取自场所台账，当前值；直接监管场所与已关闭场所不计）",
      formulaEn:
        "Sites assigned to a grid ÷ sites under grid supervision (current register; direct-supervision and closed sites left out)",
      drill: "sites_without_grid",
    },
    (i) =>
      i.coverage && i.coverage.sites > 0
        ? ratio(i.coverage.sitesInGrid, i.coverage.sites)
        : none("no_source"),
  ],
  [
    {
      key: "grid_staffing_rate",
      zh: "网格配员率",
      en: "Grids staffed",
      unit: "rate",
      source: "coverage",
      better: "higher",
      formulaZh: "网格配员率 = 已配备网格员的网格数 ÷ 在用网格总数 × 100%（当前值）",
      formulaEn: "Active grids with a grid worker ÷ all active grids (current)",
      drill: "grids_without_worker",
    },
    (i) =>
      i.coverage && i.coverage.grids > 0
        ? ratio(i.coverage.gridsWithWorker, i.coverage.grids)
        : none("no_source"),
  ],
  [
    {
      key: "patrol_coverage_rate",
      // one definition with the assessment's (domain/assessment/coverage-indicators.ts): its names and formula
      zh: patrolCoverage.zh,
      en: patrolCoverage.en,
      unit: "rate",
      source: "patrol",
      better: "higher",
      formulaZh: `${patrolCoverage.formula.zh}。统计期未结束时，只计已结束的周期；巡查计划按县制定，市、省不汇总此项`,
      formulaEn: `${patrolCoverage.formula.en}. A period not yet over counts its periods that have ended; plans are per county, so cities and the province do not show it`,
      drill: null,
    },
    (i) => {
      if (!i.patrol) return none("no_source");
      if (i.patrol === "by_county") return none("by_county");
      if (!i.patrol.plan) return none("no_source");
      const { owed, met } =
        "tally" in i.patrol
          ? patrolPlanCountsKept(i.patrol.tally, i.patrol.plan, i.patrol.period)
          : patrolPlanCounts(i.patrol.sites, i.patrol.days, i.patrol.plan, i.patrol.period);
      if (owed === 0) return none("no_denominator");
      return ratio(met, owed);
    },
  ],
];

export const indicatorCatalogue: readonly IndicatorDef[] = defs.map(([d]) => d);
const computeByKey = new Map(defs.map(([d, c]) => [d.key, c]));
export type IndicatorKey = string;

export function indicatorDef(key: string): IndicatorDef | undefined {
  return indicatorCatalogue.find((d) => d.key === key);
}

/** One indicator's value for a region and period; throws on an unknown key (callers validate schemes). */
export function computeIndicator(
  key: string,
  inputs: IndicatorInputs,
  options: IndicatorOptions = {},
): IndicatorResult {
  const f = computeByKey.get(key);
  if (!f) throw new Error(`unknown indicator: ${key}`);
  return f(inputs, options);
}

/** Every indicator of the catalogue at once (the dashboard's key figures). */
export function computeAll(
  inputs: IndicatorInputs,
  options: IndicatorOptions = {},
): { def: IndicatorDef; result: IndicatorResult }[] {
  return defs.map(([def, f]) => ({ def, result: f(inputs, options) }));
}
