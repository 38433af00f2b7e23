/**
 * The counters behind every case indicator (issue 13.2): what one step of a case adds to its region's tally
 * for the day it happened. The same pure function feeds the rollup written in the command's transaction
 * and the full recount from the trail, so the two can be compared (bench/dashboard.ts, the property test).
 */
export const tallyMetrics = [
  "reported",
  "triaged",
  "triagedOnTime",
  "rejected",
  "merged",
  "dispatched",
  "redirected",
  "fedBack",
  "fedBackOnTime",
  "rechecked",
  "reworked",
  "closed",
  "closedOnTime",
  "escalated",
  "recurring",
  "parked",
  "reopened",
  "late",
  "handlingHours",
  "handlingWorkHours",
] as const;
export type TallyMetric = (typeof tallyMetrics)[number];
export type CaseTally = Record<TallyMetric, number>;

/** Metrics that are sums of hours (kept to 3 decimals), the others are counts. */
export const hourMetrics: readonly TallyMetric[] = ["handlingHours", "handlingWorkHours"];

export function emptyTally(): CaseTally {
  return Object.fromEntries(tallyMetrics.map((m) => [m, 0])) as CaseTally;
}

export function addTally(into: CaseTally, delta: Partial<CaseTally>, sign = 1): CaseTally {
  for (const m of tallyMetrics) {
    const v = delta[m];
    if (v) into[m] = roundHours(into[m] + sign * v);
  }
  return into;
}

export function sumTallies(list: readonly Partial<CaseTally>[]): CaseTally {
  const t = emptyTally();
  for (const d of list) addTally(t, d);
  return t;
}

const roundHours = (h: number): number => Math.round(h * 1000) / 1000;

/** One step of a case as the tally sees it. `due` is the deadline of the stage being left (null: none). */
export interface TallyStep {
  action: string;
  /** When the step happened (ISO UTC). */
  at: string;
  due: string | null;
  /** Outcome of a re-check or on-site acceptance. */
  passed?: boolean;
  /** Report only: the case was flagged recurring / escalated at once. */
  recurring?: boolean;
  escalatedAtReport?: boolean;
  /** Close only: when the case was reported, and whether any earlier step was late. */
  reportedAt?: string;
  lateBefore?: boolean;
}

/** True when a step happened after the deadline of the stage it left. */
export function isLate(step: Pick<TallyStep, "at" | "due">): boolean {
  return step.due !== null && step.at > step.due;
}

/**
 * What one step adds. `workingHoursBetween` (from the working calendar) gives the working-hours duration;
 * without it the working-hours sum is the natural one.
 */
export function tallyOfStep(
  step: TallyStep,
  workingHoursBetween?: (from: Date, to: Date) => number,
): Partial<CaseTally> {
  const d: Partial<CaseTally> = {};
  const late = isLate(step);
  if (late) d.late = 1;
  switch (step.action) {
    case "report":
      d.reported = 1;
      if (step.recurring) d.recurring = 1;
      if (step.escalatedAtReport) d.escalated = 1;
      break;
    case "triage":
    case "reject":
      d.triaged = 1;
      if (!late) d.triagedOnTime = 1;
      if (step.action === "reject") d.rejected = 1;
      break;
    case "merge":
      d.merged = 1;
      break;
    case "dispatch":
      d.dispatched = 1;
      break;
    case "forward":
      d.dispatched = 1;
      d.redirected = 1;
      break;
    case "return":
      d.redirected = 1;
      break;
    case "feedback":
      d.fedBack = 1;
      if (!late) d.fedBackOnTime = 1;
      break;
    case "recheck":
    case "accept_onsite":
      d.rechecked = 1;
      if (step.passed === false) d.reworked = 1;
      break;
    case "approve_park":
      d.parked = 1;
      break;
    case "reopen":
      d.reopened = 1;
      break;
    case "escalate":
      d.escalated = 1;
      break;
    case "close": {
      d.closed = 1;
      if (!late && !step.lateBefore) d.closedOnTime = 1;
      if (step.reportedAt) {
        const from = new Date(step.reportedAt);
        const to = new Date(step.at);
        d.handlingHours = roundHours(Math.max(0, to.getTime() - from.getTime()) / 3_600_000);
        d.handlingWorkHours = roundHours(
          Math.max(0, workingHoursBetween ? workingHoursBetween(from, to) : d.handlingHours),
        );
      }
      break;
    }
  }
  return d;
}

const actionByVerb: Record<string, string> = {
  reported: "report",
  triaged: "triage",
  rejected: "reject",
  merged: "merge",
  dispatched: "dispatch",
  returned: "return",
  forwarded: "forward",
  fed_back: "feedback",
  rechecked: "recheck",
  accepted_onsite: "accept_onsite",
  park_approved: "approve_park",
  reopened: "reopen",
  escalated: "escalate",
  closed: "close",
  accepted: "accept",
  plan_submitted: "submit_plan",
  park_requested: "request_park",
  park_denied: "deny_park",
  resumed: "resume",
};

/**
 * A trail event of a case as a tally step (the recount): `case.<verb>` with the event's data (`due` is the
 * deadline of the stage left, written by the command; `passed` the check's outcome). Null for events that
 * are not steps of the loop.
 */
export function stepOfEvent(
  ev: { action: string; at: string; data: Record<string, unknown> },
  kase: { reportedAt: string; lateBefore: boolean },
): TallyStep | null {
  const action = actionByVerb[ev.action.replace(/^case\./, "")];
  if (!ev.action.startsWith("case.") || !action) return null;
  const d = ev.data;
  return {
    action,
    at: ev.at,
    due: typeof d.due === "string" ? d.due : null,
    passed: typeof d.passed === "boolean" ? d.passed : undefined,
    recurring: d.recurring === true,
    escalatedAtReport: action === "report" && (d.recurring === true || d.listedForSupervision === true),
    reportedAt: kase.reportedAt,
    lateBefore: kase.lateBefore,
  };
}
