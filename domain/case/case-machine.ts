import type { Actor } from "../auth/actor";
import { AppError, invalid } from "../errors";
import { caseChanges } from "./case-changes";
import { type CaseActionRawInput, parseCaseInput } from "./case-schemas";
import { type Case, type CaseAction, type CaseEvent, type CaseStage, caseActions } from "./case-types";
import { timedStages } from "./deadline-rules";

/** Where an action leads: one stage, or one per outcome (re-check and on-site acceptance pass or fail). */
export type CaseTarget = CaseStage | { readonly passed: CaseStage; readonly failed: CaseStage };

/**
 * The transition table: stage -> action -> next stage. A failed re-check or on-site acceptance is the
 * rework (back to handling, counted). Return goes back to triage with the lead department as owner, so a
 * case is never left without one. Reopen ("not fixed") goes back to handling by the same department.
 */
export const caseTransitions = {
  reported: { triage: "triaged", reject: "rejected", merge: "closed", escalate: "reported" },
  triaged: {
    triage: "triaged",
    dispatch: "dispatched",
    reject: "rejected",
    merge: "closed",
    escalate: "triaged",
  },
  dispatched: { accept: "handling", return: "triaged", forward: "dispatched", escalate: "dispatched" },
  handling: {
    submit_plan: "handling",
    feedback: "awaiting_recheck",
    request_park: "handling",
    approve_park: "parked",
    deny_park: "handling",
    return: "triaged",
    forward: "dispatched",
    escalate: "handling",
  },
  parked: { resume: "handling", escalate: "parked" },
  awaiting_recheck: { recheck: { passed: "rechecked", failed: "handling" }, escalate: "awaiting_recheck" },
  rechecked: {
    accept_onsite: { passed: "rechecked", failed: "handling" },
    close: "closed",
    escalate: "rechecked",
  },
  closed: { reopen: "handling" },
  rejected: {},
} as const satisfies Record<CaseStage, Partial<Record<CaseAction, CaseTarget>>>;

const table: Record<CaseStage, Partial<Record<CaseAction, CaseTarget>>> = caseTransitions;

/** Actions the table allows in a stage, in the canonical order of `caseActions`. */
export function allowedActions(stage: CaseStage): CaseAction[] {
  return caseActions.filter((a) => table[stage][a] !== undefined);
}

/** Every stage an action can lead to from a stage (empty when not allowed). */
export function caseTargets(stage: CaseStage, action: CaseAction): CaseStage[] {
  const t = table[stage][action];
  if (t === undefined) return [];
  return typeof t === "string" ? [t] : [t.passed, t.failed];
}

type Reason = { zh: string; en: string };

/**
 * Preconditions on the case itself (not on the input or the actor) that the stage alone does not express.
 * Null when the action may proceed. `caseAbilities` uses this so buttons are not offered in vain.
 */
export function caseGuard(kase: Case, action: CaseAction): Reason | null {
  const major = kase.type === "major_hazard";
  switch (action) {
    case "submit_plan":
      return major ? null : { zh: "仅重大隐患需要提交治理方案", en: "Only major hazards take a plan" };
    case "feedback":
      return major && !kase.plan
        ? { zh: "重大隐患须先提交治理方案（六项内容）", en: "A major hazard needs its plan first" }
        : null;
    case "request_park":
      return kase.parkRequest ? { zh: "已有待审批的挂账申请", en: "A parking request is pending" } : null;
    case "approve_park":
    case "deny_park":
      return kase.parkRequest ? null : { zh: "没有待审批的挂账申请", en: "No parking request is pending" };
    case "accept_onsite":
      if (!major) return { zh: "仅重大隐患需要现场验收", en: "Only major hazards take on-site acceptance" };
      return kase.onsiteAcceptance?.passed ? { zh: "已通过现场验收", en: "Already accepted on site" } : null;
    case "close":
      if (!kase.lastRecheck?.passed)
        return { zh: "复查通过后方可结案", en: "Close only after a passed re-check" };
      if (!major) return null;
      if (!kase.plan) return { zh: "重大隐患须有治理方案方可结案", en: "A major hazard needs a plan" };
      if (!kase.onsiteAcceptance?.passed)
        return { zh: "重大隐患须经现场验收后方可结案", en: "A major hazard needs on-site acceptance" };
      return kase.remediation === "fixed"
        ? null
        : {
            zh: "重大隐患须全部整改后方可结案，部分整改请申请挂账",
            en: "A major hazard closes only when fully fixed; park it instead",
          };
    case "reopen":
      return kase.closeReason === "duplicate"
        ? { zh: "重复案件已并入主案件，请在主案件上操作", en: "A merged duplicate; act on the main case" }
        : null;
    default:
      return null;
  }
}

export interface TransitionContext<A extends CaseAction> {
  actor: Pick<Actor, "id">;
  now: Date;
  /** Raw input; it is parsed with the action's schema (validation_failed on bad input). */
  input: CaseActionRawInput<A>;
  /** Deadline of a timed stage being entered (the server closes over rules and the working calendar). */
  deadlineOf?: (kase: Case, stage: CaseStage, from: Date) => Date | null;
  maxRecheckDistanceM?: number;
}

export interface TransitionResult {
  next: Partial<Case>;
  event: CaseEvent;
}

/** Actions that restart the stage clock even when the stage stays (a new department takes the case). */
const restartsClock: CaseAction[] = ["forward"];
/** Actions that recompute the deadline from the same start (classification or plan changed). */
const redatesDeadline: CaseAction[] = ["triage", "submit_plan"];

/**
 * Validates an action on a case and returns the change and the event, without persisting anything.
 * Throws `invalid_transition` (details.allowed lists the stage's actions) or `validation_failed`.
 */
export function transition<A extends CaseAction>(
  kase: Case,
  action: A,
  ctx: TransitionContext<A>,
): TransitionResult {
  const target = table[kase.stage][action];
  if (target === undefined)
    throw new AppError("invalid_transition", {
      details: { stage: kase.stage, action, allowed: allowedActions(kase.stage) },
    });
  const input = parseCaseInput(action, ctx.input);
  const guard = caseGuard(kase, action);
  if (guard) throw invalid(guard.zh, guard.en, { stage: kase.stage, action });
  const change = caseChanges[action](kase, input, ctx);
  const to: CaseStage =
    typeof target === "string" ? (target as CaseStage) : target[change.outcome ?? "passed"];
  const next: Partial<Case> = { ...change.next, stage: to };
  const reclock = to !== kase.stage || restartsClock.includes(action);
  if (reclock) next.stageEnteredAt = ctx.now.toISOString();
  if (reclock || redatesDeadline.includes(action)) {
    const merged = { ...kase, ...next };
    const from = new Date(merged.stageEnteredAt);
    next.deadline = timedStages.includes(to)
      ? (ctx.deadlineOf?.(merged, to, from)?.toISOString() ?? null)
      : null;
  }
  return { next, event: { action, from: kase.stage, to, data: { ...input, ...change.data } } };
}

/** Applies a transition result (for callers that keep the case in memory, e.g. the offline app and tests). */
export function applyTransition(kase: Case, result: TransitionResult): Case {
  return { ...kase, ...result.next };
}
