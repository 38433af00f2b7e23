/**
 * R5: grid-worker staffing follows the workload (合理匹配监管任务与监管力量, notice 三(三)).
 *
 * Workload is measured in patrol hours per month: every site needs a number of patrols a month set
 * by its risk level, and each patrol of a site takes a number of hours set by its kind. Capacity is
 * measured the same way: full-time equivalents times the patrol hours one full-time worker has.
 *
 * Defaults (all configurable):
 * - patrol frequency: red weekly (52/12 a month), orange every two weeks (26/12), yellow monthly,
 *   blue quarterly (1/3); sites not yet rated count as yellow (一般风险).
 * - hours per patrol, travel included: enterprise 1.5, small workshop 1, small entertainment venue
 *   0.75, small shop 0.5, other 0.5, household 0.25.
 * - a full-time grid worker has 80 patrol hours a month (about half of 21.75 days × 8 hours; the
 *   rest goes to reporting, re-checks, delivery, outreach and training); a part-time one counts 0.5.
 * - load ratio below 0.5 is "under" (spare capacity), above 1.0 is "over" (overloaded).
 */
import { invalid } from "../errors";
import { type RiskLevel, riskLevels, type SiteKind } from "./site-kinds";

export interface WorkloadWeights {
  /** Patrols a site needs per month, by risk level. */
  patrolsPerMonth: Record<RiskLevel, number>;
  /** Hours one patrol of a site of this kind takes. */
  hoursPerPatrol: Record<SiteKind, number>;
  /** Risk level assumed for sites not yet rated. */
  unratedAs: RiskLevel;
}

export const defaultWorkloadWeights: WorkloadWeights = {
  patrolsPerMonth: { red: 52 / 12, orange: 26 / 12, yellow: 1, blue: 1 / 3 },
  hoursPerPatrol: {
    enterprise: 1.5,
    small_workshop: 1,
    small_entertainment: 0.75,
    small_shop: 0.5,
    other: 0.5,
    household: 0.25,
  },
  unratedAs: "yellow",
};

/** Patrol hours one full-time grid worker has a month. */
export const defaultHoursPerFtePerMonth = 80;

export interface StaffingThresholds {
  /** Below this load ratio a grid is "under" loaded. */
  low: number;
  /** Above this load ratio a grid is "over" loaded. */
  high: number;
}
export const defaultStaffingThresholds: StaffingThresholds = { low: 0.5, high: 1.0 };

type RiskBucket = { sites: number; patrolsPerMonth: number; score: number };

export interface GridWorkload {
  /** Patrol hours per month (rounded to 2 decimals). */
  score: number;
  /** Patrols per month (rounded to 2 decimals). */
  patrolsPerMonth: number;
  byRisk: Record<RiskLevel, RiskBucket>;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function gridWorkload(
  sites: readonly { riskLevel: RiskLevel | null; kind: SiteKind; count?: number }[],
  weights: WorkloadWeights = defaultWorkloadWeights,
): GridWorkload {
  const byRisk = Object.fromEntries(
    riskLevels.map((r) => [r, { sites: 0, patrolsPerMonth: 0, score: 0 }]),
  ) as Record<RiskLevel, RiskBucket>;
  for (const site of sites) {
    const risk = site.riskLevel ?? weights.unratedAs;
    const patrols = weights.patrolsPerMonth[risk];
    const bucket = byRisk[risk];
    const count = site.count ?? 1;
    bucket.sites += count;
    bucket.patrolsPerMonth += patrols * count;
    bucket.score += patrols * weights.hoursPerPatrol[site.kind] * count;
  }
  let score = 0;
  let patrolsPerMonth = 0;
  for (const r of riskLevels) {
    score += byRisk[r].score;
    patrolsPerMonth += byRisk[r].patrolsPerMonth;
    byRisk[r].score = round2(byRisk[r].score);
    byRisk[r].patrolsPerMonth = round2(byRisk[r].patrolsPerMonth);
  }
  return { score: round2(score), patrolsPerMonth: round2(patrolsPerMonth), byRisk };
}

export interface StaffingCapacity {
  fullTime: number;
  partTime: number;
  /** Full-time equivalents. */
  fte: number;
  /** Patrol hours per month the workers have. */
  hoursPerMonth: number;
}

export function staffingCapacity(
  workers: readonly { fullTime: boolean }[],
  partTimeFraction = 0.5,
  hoursPerFtePerMonth = defaultHoursPerFtePerMonth,
): StaffingCapacity {
  if (!(partTimeFraction >= 0 && partTimeFraction <= 1)) {
    throw invalid("兼职折算系数须在 0 到 1 之间", "Part-time fraction must be between 0 and 1");
  }
  if (!(hoursPerFtePerMonth > 0)) {
    throw invalid("每名专职网格员月巡查工时须大于 0", "Hours per full-time worker must be positive");
  }
  const fullTime = workers.filter((w) => w.fullTime).length;
  const partTime = workers.length - fullTime;
  const fte = fullTime + partTime * partTimeFraction;
  return { fullTime, partTime, fte, hoursPerMonth: round2(fte * hoursPerFtePerMonth) };
}

export type StaffingStatus = "under" | "balanced" | "over";

/**
 * Load relative to capacity: "over" means the grid's workers have more patrol hours to do than they
 * have. A grid with sites and no workers is "over" (ratio Infinity); one with neither is "balanced".
 */
export function staffingStatus(
  workload: Pick<GridWorkload, "score">,
  capacity: Pick<StaffingCapacity, "hoursPerMonth">,
  thresholds: StaffingThresholds = defaultStaffingThresholds,
): { status: StaffingStatus; ratio: number } {
  if (capacity.hoursPerMonth <= 0) {
    return workload.score > 0
      ? { status: "over", ratio: Number.POSITIVE_INFINITY }
      : { status: "balanced", ratio: 0 };
  }
  const ratio = round2(workload.score / capacity.hoursPerMonth);
  const status = ratio > thresholds.high ? "over" : ratio < thresholds.low ? "under" : "balanced";
  return { status, ratio };
}

/**
 * How many grids an overloaded grid should become so that each, staffed like `capacity`, is within
 * the high threshold. 1 when it is not overloaded. With no capacity, one full-time worker per grid
 * is assumed.
 */
export function suggestSplit(
  workload: Pick<GridWorkload, "score">,
  capacity: Pick<StaffingCapacity, "hoursPerMonth">,
  thresholds: StaffingThresholds = defaultStaffingThresholds,
): number {
  const perGrid = capacity.hoursPerMonth > 0 ? capacity.hoursPerMonth : defaultHoursPerFtePerMonth;
  const needed = Math.ceil(workload.score / (perGrid * thresholds.high) - 1e-9);
  return Math.max(1, needed);
}
