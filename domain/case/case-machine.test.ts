import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { actors, dep, farFromSite, makeCase, nearSite, plan, t0 } from "./case-fixtures";
import { allowedActions, applyTransition, caseTargets, caseTransitions, transition } from "./case-machine";
import { type Case, type CaseAction, type CaseStage, caseActions, caseStages } from "./case-types";

const now = new Date(t0.getTime() + 86_400_000);
const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();

const validInput: Record<CaseAction, unknown> = {
  triage: { type: "general_hazard", category: "gas" },
  reject: { reason: "不属于安全生产问题" },
  merge: { targetCaseId: "case-0" },
  dispatch: { departmentId: dep.market },
  accept: {},
  return: { reason: "不属于本部门职责范围", suggestedDepartmentId: dep.housing },
  forward: { departmentId: dep.housing, reason: "属于住建部门职责" },
  submit_plan: { plan },
  feedback: { result: "fixed", evidenceIds: ["f-2"], location: nearSite },
  request_park: { reason: "需等待燃气管网改造，暂时无法整改" },
  approve_park: {},
  deny_park: { reason: "可以先行整改" },
  resume: {},
  recheck: { passed: true, location: nearSite },
  accept_onsite: { passed: true, location: nearSite },
  close: {},
  reopen: { reason: "群众反映仍未整改" },
  escalate: { reason: "超期未处置" },
};

/** A case in `stage` whose own preconditions for `action` hold (held by the market department). */
function readyCase(stage: CaseStage, action: CaseAction): Case {
  const held = { ownerDepartmentId: dep.market, handlerId: actors.market1.id };
  const fedBack = {
    ...held,
    remediation: "fixed" as const,
    lastFeedbackAt: hourAgo,
    lastFeedbackBy: actors.market1.id,
  };
  const check = { at: hourAgo, by: actors.gridWorker.id, passed: true, flags: [], distanceM: null };
  const major =
    action === "submit_plan" || action === "accept_onsite" ? { type: "major_hazard" as const, plan } : {};
  const park =
    action === "approve_park" || action === "deny_park"
      ? { parkRequest: { reason: "等待管网改造", until: null, by: actors.market1.id, at: hourAgo } }
      : {};
  const byStage: Record<CaseStage, Partial<Case>> = {
    reported: {},
    triaged: {},
    dispatched: { ownerDepartmentId: dep.market },
    handling: { ...held, ...park },
    parked: held,
    awaiting_recheck: fedBack,
    rechecked: { ...fedBack, lastRecheck: check },
    closed: {
      ...fedBack,
      lastRecheck: check,
      closedAt: hourAgo,
      closeReason: "resolved",
      resolution: "fixed",
    },
    rejected: {},
  };
  return makeCase({ stage, ...byStage[stage], ...major });
}

const run = (kase: Case, action: CaseAction, input: unknown, actor = actors.countyOffice, at = now) =>
  transition(kase, action, { actor, now: at, input: input as never });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("transition table", () => {
  const entries = caseStages.flatMap((stage) =>
    allowedActions(stage).flatMap((action) => {
      const target = (caseTransitions[stage] as Record<string, unknown>)[action];
      const outcomes = typeof target === "string" ? [null] : [true, false];
      return outcomes.map((passed) => ({ stage, action, passed }));
    }),
  );

  it("has entries for every stage except the terminal rejection", () => {
    expect(entries.length).toBe(31);
    expect(allowedActions("rejected")).toEqual([]);
    expect(allowedActions("closed")).toEqual(["reopen"]);
  });

  it.each(entries)("$stage --$action (passed: $passed)--> table target", ({ stage, action, passed }) => {
    const kase = readyCase(stage, action);
    const input = passed === null ? validInput[action] : { passed, note: passed ? "" : "仍有钢瓶在地下室" };
    const { next, event } = run(
      kase,
      action,
      input,
      action === "recheck" ? actors.gridWorker : actors.countyOffice,
    );
    const target = (caseTransitions[stage] as Record<string, string | { passed: string; failed: string }>)[
      action
    ];
    const expected = typeof target === "string" ? target : passed ? target.passed : target.failed;
    expect(next.stage).toBe(expected);
    expect(event).toMatchObject({ action, from: stage, to: expected });
    expect(caseTargets(stage, action)).toContain(expected);
    if (passed === false) expect(next.reworkCount).toBe(kase.reworkCount + 1);
  });

  it.each(caseStages)("refuses actions not allowed in %s, listing the allowed ones", (stage) => {
    const kase = makeCase({ stage });
    for (const action of caseActions.filter((a) => !allowedActions(stage).includes(a))) {
      const err = errorOf(() => run(kase, action, validInput[action]));
      expect(err.code).toBe("invalid_transition");
      expect(err.status).toBe(409);
      expect(err.details).toEqual({ stage, action, allowed: allowedActions(stage) });
    }
  });
});

describe("reasons and input", () => {
  it.each([
    ["reject", "reported", {}],
    ["reject", "triaged", { reason: "  " }],
    ["return", "dispatched", { reason: "不是" }],
    ["return", "handling", {}],
    ["forward", "dispatched", { departmentId: dep.housing }],
    ["deny_park", "handling", { reason: "" }],
  ] as const)("%s in %s without a proper reason is refused in Chinese", (action, stage, input) => {
    const err = errorOf(() => run(readyCase(stage, action), action, input));
    expect(err.code).toBe("validation_failed");
    expect(err.zh).toMatch(/原因|请填写/);
  });

  it("refuses unknown fields", () => {
    const err = errorOf(() => run(makeCase(), "reject", { reason: "不属于安全生产问题", stage: "closed" }));
    expect(err.code).toBe("validation_failed");
    expect(err.zh).toContain("stage");
  });

  it("refuses merging a case into itself and forwarding to the same department", () => {
    expect(errorOf(() => run(makeCase(), "merge", { targetCaseId: "case-1" })).zh).toContain("自身");
    const held = readyCase("dispatched", "forward");
    expect(
      errorOf(() => run(held, "forward", { departmentId: dep.market, reason: "属于本部门" })).zh,
    ).toContain("本部门");
  });
});

describe("the loop", () => {
  it("return goes back to triage, owned by the lead department, with the next department suggested", () => {
    const kase = readyCase("handling", "return");
    const { next, event } = run(kase, "return", validInput.return, actors.market1);
    expect(next).toMatchObject({
      stage: "triaged",
      ownerDepartmentId: dep.lead,
      handlerId: null,
      suggestedDepartmentId: dep.housing,
      returnCount: 1,
    });
    expect(event.data).toMatchObject({ returnedBy: dep.market, reason: "不属于本部门职责范围" });
  });

  it("merge closes the case as a duplicate, which cannot be reopened", () => {
    const merged = applyTransition(makeCase(), run(makeCase(), "merge", { targetCaseId: "case-0" }));
    expect(merged).toMatchObject({ stage: "closed", closeReason: "duplicate", mergedInto: "case-0" });
    expect(errorOf(() => run(merged, "reopen", validInput.reopen)).zh).toContain("主案件");
  });

  it("parking needs a request and a decision, stops the clock, and resumes to handling", () => {
    const deadlineOf = () => new Date("2026-11-20T09:00:00.000Z");
    const step = (k: Case, action: CaseAction, input: unknown, actor: typeof actors.lead1) =>
      applyTransition(k, transition(k, action, { actor, now, input: input as never, deadlineOf }));
    let k = readyCase("handling", "request_park");
    expect(errorOf(() => step(k, "approve_park", {}, actors.countyOffice)).zh).toContain("没有待审批");
    k = step(
      k,
      "request_park",
      { reason: "需等待燃气管网改造，暂时无法整改", until: "2027-03-01" },
      actors.market1,
    );
    expect(k.parkRequest).toMatchObject({ until: "2027-03-01", by: actors.market1.id });
    expect(errorOf(() => step(k, "request_park", validInput.request_park, actors.market1)).zh).toContain(
      "待审批",
    );
    const denied = step(k, "deny_park", { reason: "可以先行整改" }, actors.countyOffice);
    expect(denied).toMatchObject({ stage: "handling", parkRequest: null });
    k = step(k, "approve_park", {}, actors.countyOffice);
    expect(k).toMatchObject({ stage: "parked", parkRequest: null, deadline: null });
    k = step(k, "resume", {}, actors.market1);
    expect(k).toMatchObject({ stage: "handling", deadline: "2026-11-20T09:00:00.000Z" });
  });

  it("a failed re-check is rework: counted, back to handling, feedback needed again", () => {
    let k = readyCase("awaiting_recheck", "recheck");
    k = applyTransition(k, run(k, "recheck", { passed: false, note: "钢瓶仍在地下室" }, actors.gridWorker));
    expect(k).toMatchObject({ stage: "handling", reworkCount: 1, remediation: null });
    expect(k.lastRecheck).toMatchObject({ passed: false, by: actors.gridWorker.id });
  });

  it("partial remediation is recorded as such through to the closing", () => {
    let k = readyCase("handling", "feedback");
    const partial = { result: "partial", note: "报警器尚未安装", evidenceIds: ["f-3"] };
    expect(errorOf(() => run(k, "feedback", { ...partial, note: "" }, actors.market1)).zh).toContain(
      "部分整改",
    );
    k = applyTransition(k, run(k, "feedback", partial, actors.market1, new Date(now.getTime() - 7_200_000)));
    k = applyTransition(k, run(k, "recheck", { passed: true, location: nearSite }, actors.gridWorker));
    k = applyTransition(k, run(k, "close", {}, actors.lead1));
    expect(k).toMatchObject({ stage: "closed", closeReason: "resolved", resolution: "partial" });
  });

  it("reopen after close goes back to handling by the same department and voids the checks", () => {
    const k = readyCase("closed", "reopen");
    const reopened = applyTransition(k, run(k, "reopen", validInput.reopen, actors.gridWorker));
    expect(reopened).toMatchObject({
      stage: "handling",
      ownerDepartmentId: dep.market,
      handlerId: actors.market1.id,
      reopenCount: 1,
      closedAt: null,
      lastRecheck: null,
      remediation: null,
    });
  });

  it("escalation keeps the stage and counts", () => {
    const { next, event } = run(readyCase("dispatched", "escalate"), "escalate", validInput.escalate);
    expect(next).toMatchObject({ stage: "dispatched", escalated: true, escalationCount: 1 });
    expect(event.from).toBe(event.to);
  });

  it("sets the stage clock and deadline when the stage changes", () => {
    const deadlineOf = (_k: Case, stage: CaseStage, from: Date) =>
      stage === "dispatched" ? new Date(from.getTime() + 8 * 3_600_000) : null;
    const k = makeCase({ stage: "triaged" });
    const { next } = transition(k, "dispatch", {
      actor: actors.lead1,
      now,
      input: validInput.dispatch as never,
      deadlineOf,
    });
    expect(next.stageEnteredAt).toBe(now.toISOString());
    expect(next.deadline).toBe(new Date(now.getTime() + 8 * 3_600_000).toISOString());
  });
});

describe("honest re-check", () => {
  const k = readyCase("awaiting_recheck", "recheck");

  it("records a re-check by the handler (allowed only where the county switched 同人不得闭环 off) with a flag", () => {
    const result = run(k, "recheck", validInput.recheck, actors.market1);
    expect(result.next.lastRecheck?.flags).toContain("same_person");
    expect(run(k, "recheck", validInput.recheck, actors.gridWorker).next.lastRecheck?.flags).toEqual([]);
  });

  it("refuses a re-check dated before the feedback", () => {
    const early = new Date(Date.parse(hourAgo) - 60_000).toISOString();
    const err = errorOf(() => run(k, "recheck", { passed: true, recheckedAt: early }, actors.gridWorker));
    expect(err.zh).toContain("整改反馈之后");
  });

  it("records a re-check far from the site or without a location as flagged", () => {
    const far = run(k, "recheck", { passed: true, location: farFromSite }, actors.gridWorker);
    expect(far.next.lastRecheck?.flags).toEqual(["far_from_site"]);
    expect(far.next.lastRecheck?.distanceM).toBeGreaterThan(2000);
    const none = run(k, "recheck", { passed: true }, actors.gridWorker);
    expect(none.next.lastRecheck?.flags).toEqual(["no_location"]);
    const near = run(k, "recheck", validInput.recheck, actors.gridWorker);
    expect(near.next.lastRecheck).toMatchObject({ flags: [], distanceM: null, passed: true });
  });
});
