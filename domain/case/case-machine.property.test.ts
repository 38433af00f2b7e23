import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { covers } from "../auth/actor";
import { AppError } from "../errors";
import { actors, dep, farFromSite, nearSite, plan, siteAt, t0, village } from "./case-fixtures";
import { allowedActions, applyTransition, caseTargets, transition } from "./case-machine";
import { caseAbilities, casePolicy } from "./case-policy";
import {
  type Case,
  type CaseAction,
  type CaseEvent,
  type CaseStage,
  type CaseType,
  caseActions,
  caseStages,
  caseTypes,
} from "./case-types";
import { endOfChinaDay, timedStages } from "./deadline-rules";
import { openCase } from "./open-case";

const cast = Object.values(actors) as Actor[];
const departments = [dep.lead, dep.market, dep.housing];

/** A well-formed input for an action on this case (variant `v` picks among the choices). */
function validInput(action: CaseAction, kase: Case, v: number): Record<string, unknown> {
  switch (action) {
    case "triage":
      return {
        type: v % 4 === 0 ? caseTypes[(v >> 2) % caseTypes.length] : kase.type,
        category: ["gas", "fire", "construction"][v % 3],
      };
    case "reject":
      return { reason: "不属于安全生产问题" };
    case "merge":
      return { targetCaseId: "case-0" };
    case "dispatch":
      return { departmentId: departments[v % 3] };
    case "accept":
      return {};
    case "return":
      return v % 2
        ? { reason: "不属于本部门职责范围", suggestedDepartmentId: dep.housing }
        : { reason: "不属于本部门职责" };
    case "forward":
      return {
        departmentId: departments.filter((d) => d !== kase.ownerDepartmentId)[v % 2],
        reason: "属于其他部门职责",
      };
    case "submit_plan":
      return { plan };
    case "feedback":
      return { result: v % 3 === 0 ? "partial" : "fixed", note: "报警器尚未安装到位", evidenceIds: ["f-1"] };
    case "request_park":
      return { reason: "需等待燃气管网改造，暂时无法整改" };
    case "approve_park":
    case "resume":
    case "close":
      return {};
    case "deny_park":
      return { reason: "可以先行整改" };
    case "recheck":
      return {
        passed: v % 3 !== 0,
        note: "钢瓶仍在地下室",
        location: [nearSite, farFromSite, undefined][v % 3],
      };
    case "accept_onsite":
      return { passed: v % 2 === 0, note: "气瓶间未安装报警器", location: nearSite };
    case "reopen":
      return { reason: "群众反映仍未整改" };
    case "escalate":
      return { reason: "超期未处置" };
  }
}

/** A malformed input: a required reason left out, or an unknown field. */
function invalidInput(action: CaseAction, kase: Case, v: number): Record<string, unknown> {
  const good = validInput(action, kase, v);
  if ("reason" in good) return { ...good, reason: "" };
  return { ...good, bogus: true };
}

const deadlineOf = (k: Case, stage: CaseStage, from: Date) =>
  stage === "handling" && k.type === "major_hazard" && k.plan
    ? endOfChinaDay(k.plan.timeLimit)
    : new Date(from.getTime() + 86_400_000);

const ending: CaseAction[] = ["reject", "merge"];
const going: CaseAction[] = ["return", "forward"];

/** Major hazards take the longest path (plan, on-site acceptance), so they start more often. */
const caseType = fc.oneof(
  { arbitrary: fc.constant("major_hazard" as const), weight: 2 },
  { arbitrary: fc.constantFrom(...caseTypes), weight: 3 },
);

type Step = {
  mode: number;
  actor: number;
  action: number;
  variant: number;
  minutes: number;
  valid: boolean;
};

const step: fc.Arbitrary<Step> = fc.record({
  mode: fc.nat(5),
  actor: fc.nat(),
  action: fc.nat(),
  variant: fc.nat(),
  minutes: fc.integer({ min: 1, max: 3000 }),
  valid: fc.nat(4).map((n) => n > 0),
});

interface Logged {
  event: CaseEvent;
  actorId: string;
}

/** Names of the invariants the case and its event log break (empty when all hold). */
function violations(kase: Case, log: Logged[]): string[] {
  const out: string[] = [];
  const must = (ok: boolean, name: string) => {
    if (!ok) out.push(name);
  };
  const count = (p: (l: Logged) => boolean) => log.filter(p).length;
  const { event } = log[log.length - 1];
  must(
    allowedActions(event.from as CaseStage).includes(event.action as CaseAction) &&
      caseTargets(event.from as CaseStage, event.action as CaseAction).includes(event.to),
    "transition not in the table",
  );
  must(!!kase.ownerDepartmentId, "no owner");
  if (kase.stage === "reported" || kase.stage === "triaged")
    must(
      kase.ownerDepartmentId === kase.leadDepartmentId && kase.handlerId === null,
      "untriaged not with the lead",
    );
  if (["handling", "parked", "awaiting_recheck", "rechecked"].includes(kase.stage))
    must(!!kase.handlerId, "no handler");
  // Closed at most once per opening: closings = reopenings + (closed now ? 1 : 0).
  const closings = count((l) => l.event.to === "closed");
  must(closings === kase.reopenCount + (kase.stage === "closed" ? 1 : 0), "closed more often than opened");
  must(count((l) => l.event.action === "reopen") === kase.reopenCount, "reopen count");
  const failedChecks = count(
    (l) => (l.event.action === "recheck" || l.event.action === "accept_onsite") && l.event.to === "handling",
  );
  must(kase.reworkCount === failedChecks, "rework count");
  must(kase.returnCount === count((l) => l.event.action === "return"), "return count");
  const rejectedAt = log.findIndex((l) => l.event.to === "rejected");
  must(rejectedAt < 0 || rejectedAt === log.length - 1, "action after rejection");
  must((kase.deadline !== null) === timedStages.includes(kase.stage), "deadline iff timed stage");
  must(!kase.parkRequest || kase.stage === "handling", "park request outside handling");
  must(kase.type !== "major_hazard" || kase.escalated, "major hazard not under supervision");
  if (kase.stage === "closed" && kase.closeReason === "duplicate")
    must(!!kase.mergedInto, "duplicate without target");
  if (kase.stage === "closed" && kase.closeReason === "resolved") out.push(...closureViolations(kase, log));
  return out;
}

/** A resolved case was re-checked, after its last feedback, by someone other than its handler. */
function closureViolations(kase: Case, log: Logged[]): string[] {
  const check = kase.lastRecheck;
  const lastFeedback = log.map((l) => l.event.action).lastIndexOf("feedback");
  const recheck = log.slice(lastFeedback).find((l) => l.event.action === "recheck");
  const accepted = kase.onsiteAcceptance;
  const rules: [boolean, string][] = [
    [check?.passed === true, "closed without a passed re-check"],
    [check?.by !== kase.handlerId && check?.by !== kase.lastFeedbackBy, "re-checked by the handler"],
    [
      lastFeedback >= 0 && Date.parse(check?.at ?? "") > Date.parse(kase.lastFeedbackAt ?? ""),
      "re-check before feedback",
    ],
    [
      recheck?.event.to === "rechecked" && recheck.actorId !== kase.handlerId,
      "no independent re-check event",
    ],
    [kase.resolution === kase.remediation, "resolution differs from remediation"],
  ];
  if (kase.type === "major_hazard")
    rules.push(
      [kase.plan !== null, "major hazard closed without a plan"],
      [
        accepted?.passed === true && accepted.by !== kase.handlerId,
        "major hazard without independent acceptance",
      ],
      [kase.resolution === "fixed", "major hazard closed partly fixed"],
    );
  return rules.filter(([ok]) => !ok).map(([, name]) => name);
}

interface Walk {
  kase: Case;
  log: Logged[];
  now: number;
}

function openWalk(type: CaseType): Walk {
  const now = t0.getTime();
  const opened = openCase(
    { source: "grid_worker", type, category: "gas", description: "后厨液化气钢瓶放在地下室", siteId: "s-1" },
    {
      id: "case-1",
      number: "620123-2026-000001",
      regionCode: village,
      gridCode: null,
      location: siteAt,
      leadDepartmentId: dep.lead,
      reporterId: actors.gridWorker.id,
    },
    { now: new Date(now), deadlineOf },
  );
  return { kase: opened.kase, log: [{ event: opened.event, actorId: actors.gridWorker.id }], now };
}

/** Who may do what now, as pairs; outsiders and read-only roles must never appear. */
function ablePairs(kase: Case): { actor: Actor; action: CaseAction }[] {
  const pairs = cast.flatMap((actor) => {
    const abilities = caseAbilities(actor, kase);
    return caseActions.filter((a) => abilities[a]).map((action) => ({ actor, action }));
  });
  const wrong = pairs.filter(
    ({ actor }) =>
      ["auditor", "service_provider", "system_admin"].includes(actor.role) ||
      !(covers(actor, kase.regionCode) || actor.id === kase.reporterId),
  );
  expect(wrong).toEqual([]);
  return pairs;
}

/**
 * Picks who does what. Modes 0-1 try anything (to see refusals); modes 2-5 pick an able action, then an
 * able actor for it: modes 2-3 only move on, mode 4 may also send the case back, mode 5 may also end it.
 */
function choose(s: Step, kase: Case, able: { actor: Actor; action: CaseAction }[]) {
  let actor = cast[s.actor % cast.length];
  let action = caseActions[s.action % caseActions.length];
  const stageActions = allowedActions(kase.stage);
  if (s.mode === 1 && stageActions.length > 0) action = stageActions[s.action % stageActions.length];
  const skip: CaseAction[] = s.mode === 5 ? [] : s.mode === 4 ? ending : [...ending, ...going];
  const ableActions = [...new Set(able.map((p) => p.action))].filter((a) => !skip.includes(a));
  if (s.mode >= 2 && ableActions.length > 0) {
    action = ableActions[s.action % ableActions.length];
    const who = able.filter((p) => p.action === action);
    actor = who[s.actor % who.length].actor;
  }
  return { actor, action };
}

/** One step: refusals change nothing; an able actor with good input always gets through. */
function takeStep(w: Walk, s: Step, reached: Set<string>) {
  w.now += s.minutes * 60_000;
  const { actor, action } = choose(s, w.kase, ablePairs(w.kase));
  const ctx = { actor, now: new Date(w.now), deadlineOf };
  const stage = w.kase.stage;
  if (!allowedActions(stage).includes(action)) {
    const err = catchError(() =>
      transition(w.kase, action, { ...ctx, input: validInput(action, w.kase, s.variant) }),
    );
    expect(err.code).toBe("invalid_transition");
    expect((err.details as { allowed: CaseAction[] }).allowed).toEqual(allowedActions(stage));
    return;
  }
  // Not able: the command answers forbidden (policy) or the case is not ready (guard); nothing happens.
  if (!caseAbilities(actor, w.kase)[action]) return;
  if (!s.valid) {
    const err = catchError(() =>
      transition(w.kase, action, { ...ctx, input: invalidInput(action, w.kase, s.variant) }),
    );
    expect(err.code).toBe("validation_failed");
    return;
  }
  const result = transition(w.kase, action, { ...ctx, input: validInput(action, w.kase, s.variant) });
  expect(result.event.from).toBe(stage);
  if (action === "return")
    expect(result.next).toMatchObject({ stage: "triaged", ownerDepartmentId: dep.lead, handlerId: null });
  w.kase = applyTransition(w.kase, result);
  w.log.push({ event: result.event, actorId: actor.id });
  reached.add(`${stage}>${action}>${result.event.to}`);
  const path = w.log.map((l) => `${l.event.action}->${l.event.to}`).join(" ");
  expect(violations(w.kase, w.log), path).toEqual([]);
  // Whoever acted can still see the case, unless they just handed it to another department.
  if (action !== "forward" && action !== "return") expect(casePolicy.read(actor, w.kase)).toBe(true);
}

describe("case machine, driven by random actors", () => {
  it("keeps its invariants over random action sequences", () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(caseType, fc.array(step, { minLength: 1, maxLength: 120, size: "max" }), (type, steps) => {
        const walk = openWalk(type);
        for (const s of steps) takeStep(walk, s, reached);
      }),
      { numRuns: 200, seed: 20261102 },
    );
    // The random walks really exercised the loop: every edge of the table was taken.
    const edges = caseStages.flatMap((from) =>
      allowedActions(from).flatMap((action) =>
        caseTargets(from, action).map((to) => `${from}>${action}>${to}`),
      ),
    );
    expect(edges.filter((e) => !reached.has(e))).toEqual([]);
  }, 120_000);
});

function catchError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
