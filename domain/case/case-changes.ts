import { invalid } from "../errors";
import type { CaseActionInput } from "./case-schemas";
import type { Case, CaseAction, Check, RecheckFlag } from "./case-types";
import { checkRecheck, type RecheckFinding } from "./honest-closure";

/**
 * What each action changes on a case, given parsed input. The stage, clock and deadline are set by
 * `transition`; these only build the other fields and extra event data, and refuse input that the case
 * makes invalid (a re-check before the feedback, a merge into itself ...). Who may act (including
 * 同人不得闭环, `samePersonRefusal`) is decided before, by the policy and the command.
 */
export interface Change {
  next: Partial<Case>;
  data?: Record<string, unknown>;
  /** For actions with two outcomes (re-check, on-site acceptance). */
  outcome?: "passed" | "failed";
}

interface ChangeContext {
  actor: { id: string };
  now: Date;
  maxRecheckDistanceM?: number;
}

type Changes = { [A in CaseAction]: (kase: Case, input: CaseActionInput<A>, ctx: ChangeContext) => Change };

/** Clock skew tolerated for an offline capture time. */
const skewMs = 5 * 60_000;

const softFlags = (findings: RecheckFinding[]) => {
  // `same_person` is refused before the machine runs while the county's 同人不得闭环 rule is on; else recorded.
  const flags = findings.map((f) => f.flag).filter((f) => f !== "before_feedback");
  const far = findings.find((f) => f.flag === "far_from_site");
  return { flags: flags as RecheckFlag[], distanceM: far && "distanceM" in far ? far.distanceM : null };
};

/** A failed check sends the case back to handling: counted as rework, the remediation claim is void. */
const rework = (kase: Case): Partial<Case> => ({
  reworkCount: kase.reworkCount + 1,
  remediation: null,
  lastRecheck: null,
  onsiteAcceptance: null,
});

export const caseChanges: Changes = {
  triage: (kase, input) => {
    const listed = input.type === "major_hazard" && !kase.escalated;
    return {
      next: {
        type: input.type,
        category: input.category,
        suggestedDepartmentId: input.suggestedDepartmentId ?? kase.suggestedDepartmentId,
        ...(listed ? { escalated: true, escalationCount: kase.escalationCount + 1 } : {}),
      },
      data: listed ? { listedForSupervision: true } : undefined,
    };
  },
  reject: (_kase, input) => ({ next: { rejectReason: input.reason } }),
  merge: (kase, input, ctx) => {
    if (input.targetCaseId === kase.id)
      throw invalid("不能将案件合并到自身", "A case cannot merge into itself");
    return {
      next: { mergedInto: input.targetCaseId, closeReason: "duplicate", closedAt: ctx.now.toISOString() },
    };
  },
  dispatch: (_kase, input) => ({
    next: { ownerDepartmentId: input.departmentId, suggestedDepartmentId: null, handlerId: null },
  }),
  accept: (_kase, input, ctx) => {
    // The trail names the handler even when it defaults to the person accepting.
    const handlerId = input.handlerId ?? ctx.actor.id;
    return { next: { handlerId }, data: { handlerId } };
  },
  return: (kase, input) => ({
    next: {
      ownerDepartmentId: kase.leadDepartmentId,
      handlerId: null,
      suggestedDepartmentId: input.suggestedDepartmentId ?? null,
      returnCount: kase.returnCount + 1,
      parkRequest: null,
    },
    data: { returnedBy: kase.ownerDepartmentId },
  }),
  forward: (kase, input) => {
    if (input.departmentId === kase.ownerDepartmentId)
      throw invalid("不能转办给本部门", "Cannot forward to the same department");
    return {
      next: {
        ownerDepartmentId: input.departmentId,
        handlerId: null,
        suggestedDepartmentId: null,
        parkRequest: null,
      },
      data: { fromDepartmentId: kase.ownerDepartmentId },
    };
  },
  submit_plan: (_kase, input) => ({ next: { plan: input.plan } }),
  feedback: (_kase, input, ctx) => ({
    next: {
      remediation: input.result,
      lastFeedbackAt: ctx.now.toISOString(),
      lastFeedbackBy: ctx.actor.id,
      lastRecheck: null,
      onsiteAcceptance: null,
      parkRequest: null,
    },
  }),
  request_park: (_kase, input, ctx) => ({
    next: {
      parkRequest: {
        reason: input.reason,
        until: input.until ?? null,
        by: ctx.actor.id,
        at: ctx.now.toISOString(),
      },
    },
  }),
  approve_park: (kase) => ({ next: { parkRequest: null }, data: { request: kase.parkRequest } }),
  deny_park: (kase) => ({ next: { parkRequest: null }, data: { request: kase.parkRequest } }),
  resume: () => ({ next: {} }),
  recheck: (kase, input, ctx) => {
    const at = input.recheckedAt ? new Date(input.recheckedAt) : ctx.now;
    if (at.getTime() > ctx.now.getTime() + skewMs)
      throw invalid("复查时间不能晚于当前时间", "Re-check time is in the future");
    const findings = checkRecheck({
      feedbackAt: kase.lastFeedbackAt,
      feedbackBy: kase.lastFeedbackBy,
      handlerId: kase.handlerId,
      recheckAt: at,
      recheckBy: ctx.actor.id,
      recheckLocation: input.location ?? null,
      siteLocation: kase.location,
      maxDistanceM: ctx.maxRecheckDistanceM,
    });
    const has = (flag: string) => findings.some((f) => f.flag === flag);
    if (has("before_feedback"))
      throw invalid("复查须在整改反馈之后进行", "The re-check must come after the feedback");
    const check: Check = {
      at: at.toISOString(),
      by: ctx.actor.id,
      passed: input.passed,
      ...softFlags(findings),
    };
    const outcome = input.passed ? "passed" : "failed";
    return {
      next: input.passed ? { lastRecheck: check } : { ...rework(kase), lastRecheck: check },
      data: { flags: check.flags, distanceM: check.distanceM },
      outcome,
    };
  },
  accept_onsite: (kase, input, ctx) => {
    const findings = checkRecheck({
      feedbackAt: kase.lastFeedbackAt,
      feedbackBy: kase.lastFeedbackBy,
      handlerId: kase.handlerId,
      recheckAt: ctx.now,
      recheckBy: ctx.actor.id,
      recheckLocation: input.location ?? null,
      siteLocation: kase.location,
      maxDistanceM: ctx.maxRecheckDistanceM,
    });
    const check: Check = {
      at: ctx.now.toISOString(),
      by: ctx.actor.id,
      passed: input.passed,
      ...softFlags(findings),
    };
    return {
      next: input.passed ? { onsiteAcceptance: check } : { ...rework(kase), onsiteAcceptance: check },
      data: { flags: check.flags, distanceM: check.distanceM },
      outcome: input.passed ? "passed" : "failed",
    };
  },
  close: (kase, _input, ctx) => ({
    next: { closedAt: ctx.now.toISOString(), closeReason: "resolved", resolution: kase.remediation },
    data: { resolution: kase.remediation },
  }),
  reopen: (kase) => ({
    next: {
      reopenCount: kase.reopenCount + 1,
      closedAt: null,
      closeReason: null,
      resolution: null,
      remediation: null,
      lastRecheck: null,
      onsiteAcceptance: null,
    },
    data: { closedAt: kase.closedAt },
  }),
  escalate: (kase) => ({ next: { escalated: true, escalationCount: kase.escalationCount + 1 } }),
};
