import { type CaseCategories, defaultCaseCategories } from "./case-categories";
import type { Case, CaseStage, CaseType } from "./case-types";

/**
 * Stage time limits (工作时限), configurable per region, category and case type, counted in working hours
 * or working days on the official calendar. A rule's `stage` is the stage the case is in; its deadline is
 * the time by which the case must leave that stage (e.g. `reported`: triage within 4 working hours).
 */
export type DeadlineUnit = "working_days" | "working_hours";
export interface DeadlineSpec {
  unit: DeadlineUnit;
  amount: number;
}
export interface DeadlineRule extends DeadlineSpec {
  /** Region-code prefix the rule applies to; "" for everywhere. */
  regionPrefix: string;
  category: string | null;
  type: CaseType | null;
  stage: CaseStage;
}

/** The structural interface of the working calendar (domain/calendar/working-calendar.ts). */
export interface WorkingCalendar {
  addWorkingDays(from: Date, n: number): Date;
  addWorkingHours(from: Date, n: number): Date;
}

/** Stages whose clock runs. Parked, closed and rejected cases have no deadline. */
export const timedStages: readonly CaseStage[] = [
  "reported",
  "triaged",
  "dispatched",
  "handling",
  "awaiting_recheck",
  "rechecked",
];

const rule = (stage: CaseStage, type: CaseType | null, unit: DeadlineUnit, amount: number): DeadlineRule => ({
  regionPrefix: "",
  category: null,
  type,
  stage,
  unit,
  amount,
});

/**
 * General rules. Major hazards and accidents are faster; a major hazard's handling limit is the time to
 * submit its plan, after which the plan's own time limit is the deadline (see `deadlineFor`).
 * `rechecked` for a major hazard is the on-site acceptance (Hubei rule: within 10 days, ~7 working days).
 */
export const baseDeadlineRules: DeadlineRule[] = [
  rule("reported", null, "working_hours", 4),
  rule("reported", "major_hazard", "working_hours", 2),
  rule("reported", "accident", "working_hours", 1),
  rule("triaged", null, "working_hours", 4),
  rule("triaged", "major_hazard", "working_hours", 2),
  rule("triaged", "accident", "working_hours", 1),
  rule("dispatched", null, "working_days", 1),
  rule("dispatched", "major_hazard", "working_hours", 4),
  rule("dispatched", "accident", "working_hours", 2),
  rule("handling", null, "working_days", 10),
  rule("handling", "violation", "working_days", 5),
  rule("handling", "major_hazard", "working_days", 5),
  rule("handling", "accident", "working_days", 3),
  rule("awaiting_recheck", null, "working_days", 3),
  rule("awaiting_recheck", "major_hazard", "working_days", 2),
  rule("awaiting_recheck", "accident", "working_days", 2),
  rule("rechecked", null, "working_days", 1),
  rule("rechecked", "major_hazard", "working_days", 7),
];

/** Rules derived from a taxonomy's per-category limits (any region, any type without its own rule). */
export function categoryDeadlineRules(categories: CaseCategories): DeadlineRule[] {
  return Object.entries(categories).flatMap(([category, c]) =>
    Object.entries(c.deadlines).map(([stage, spec]) => ({
      regionPrefix: "",
      category,
      type: null,
      stage: stage as CaseStage,
      unit: spec.unit,
      amount: spec.amount,
    })),
  );
}

export const defaultDeadlineRules: DeadlineRule[] = [
  ...baseDeadlineRules,
  ...categoryDeadlineRules(defaultCaseCategories),
];

type RuleFacts = Pick<Case, "regionCode" | "category" | "type">;

/**
 * The rule for a case in a stage. Most specific wins: the longest region prefix first (a county's own
 * rules override the province's), then a rule naming the case type, then one naming the category;
 * among equals the later rule in the list wins, so appended configuration overrides defaults.
 */
export function pickDeadlineRule(
  rules: DeadlineRule[],
  kase: RuleFacts,
  stage: CaseStage,
): DeadlineRule | null {
  let best: DeadlineRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.stage !== stage || !kase.regionCode.startsWith(r.regionPrefix)) continue;
    if (r.type !== null && r.type !== kase.type) continue;
    if (r.category !== null && r.category !== kase.category) continue;
    const score = r.regionPrefix.length * 4 + (r.type !== null ? 2 : 0) + (r.category !== null ? 1 : 0);
    if (score >= bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

export function computeDeadline(rule: DeadlineSpec, from: Date, calendar: WorkingCalendar): Date {
  return rule.unit === "working_days"
    ? calendar.addWorkingDays(from, rule.amount)
    : calendar.addWorkingHours(from, rule.amount);
}

/** End of a date (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving). */
export function endOfChinaDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/**
 * The deadline of a case entering `stage` at `from`: null for untimed stages or when no rule applies; for
 * a major hazard in handling with a plan, the end of the plan's time-limit day.
 */
export function deadlineFor(
  rules: DeadlineRule[],
  kase: RuleFacts & Pick<Case, "plan">,
  stage: CaseStage,
  from: Date,
  calendar: WorkingCalendar,
): Date | null {
  if (!timedStages.includes(stage)) return null;
  if (stage === "handling" && kase.type === "major_hazard" && kase.plan)
    return endOfChinaDay(kase.plan.timeLimit);
  const r = pickDeadlineRule(rules, kase, stage);
  return r ? computeDeadline(r, from, calendar) : null;
}

export type DeadlineStatus = "on_time" | "due_soon" | "overdue";

/** Overdue once `now` is past the deadline; due soon within `dueSoonHours` of it; no deadline is on time. */
export function deadlineStatus(deadline: Date | string | null, now: Date, dueSoonHours = 4): DeadlineStatus {
  if (deadline === null) return "on_time";
  const due = typeof deadline === "string" ? Date.parse(deadline) : deadline.getTime();
  const left = due - now.getTime();
  if (left < 0) return "overdue";
  return left <= dueSoonHours * 3_600_000 ? "due_soon" : "on_time";
}
