import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { actors, dep, makeCase, nearSite, plan, siteAt, t0, village } from "./case-fixtures";
import { applyTransition, transition } from "./case-machine";
import { caseAbilities } from "./case-policy";
import type { Case, CaseAction } from "./case-types";
import { endOfChinaDay } from "./deadline-rules";
import { samePersonRefusal } from "./honest-closure";
import { openCase } from "./open-case";

let clock = t0.getTime();
const tick = () => {
  clock += 3_600_000;
  return new Date(clock);
};

/** Runs an action as the command would: the actor must be able to, then the transition applies. */
function act(kase: Case, action: CaseAction, actor: Actor, input: unknown): Case {
  if (!caseAbilities(actor, kase)[action]) throw new Error(`${actor.id} may not ${action} in ${kase.stage}`);
  const deadlineOf = (k: Case, stage: string, from: Date) =>
    stage === "handling" && k.plan ? endOfChinaDay(k.plan.timeLimit) : new Date(from.getTime() + 86_400_000);
  return applyTransition(
    kase,
    transition(kase, action, { actor, now: tick(), input: input as never, deadlineOf }),
  );
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.zh}` : String(e);
  }
  return "no error";
};

describe("major hazard", () => {
  it("is listed for supervision, needs its plan, an independent re-check and on-site acceptance to close", () => {
    const opened = openCase(
      {
        source: "grid_worker",
        type: "major_hazard",
        category: "gas",
        description: "地下室存放液化气钢瓶 12 瓶",
        siteId: "s-1",
      },
      {
        id: "c-9",
        number: "620123-2026-000009",
        regionCode: village,
        gridCode: null,
        location: siteAt,
        leadDepartmentId: dep.lead,
        reporterId: actors.gridWorker.id,
      },
      { now: t0 },
    );
    let k = opened.kase;
    expect(k).toMatchObject({ stage: "reported", escalated: true, ownerDepartmentId: dep.lead });
    expect(opened.event).toMatchObject({ action: "report", from: null, to: "reported" });
    expect(opened.event.data.listedForSupervision).toBe(true);

    k = act(k, "triage", actors.lead1, { type: "major_hazard", category: "gas" });
    k = act(k, "dispatch", actors.lead1, { departmentId: dep.housing });
    k = act(k, "accept", actors.housing1, {});
    expect(k.handlerId).toBe(actors.housing1.id);

    // No feedback, no closing without the plan.
    expect(caseAbilities(actors.housing1, k).feedback).toBe(false);
    expect(
      codeOf(() =>
        transition(k, "feedback", {
          actor: actors.housing1,
          now: tick(),
          input: { result: "fixed", evidenceIds: ["f"] },
        }),
      ),
    ).toContain("治理方案");
    expect(
      codeOf(() => act(k, "submit_plan", actors.housing1, { plan: { ...plan, safetyMeasures: undefined } })),
    ).toContain("安全措施和应急预案");
    k = act(k, "submit_plan", actors.housing1, { plan });
    expect(k.plan).toEqual(plan);
    expect(k.deadline).toBe("2026-12-31T15:59:59.999Z");

    k = act(k, "feedback", actors.housing1, { result: "fixed", evidenceIds: ["f-2"] });
    expect(caseAbilities(actors.housing1, k).recheck).toBe(false);
    k = act(k, "recheck", actors.gridWorker, { passed: true, location: nearSite });
    expect(k.stage).toBe("rechecked");

    // Not closed before the on-site acceptance, and the handler cannot accept it.
    expect(caseAbilities(actors.lead1, k).close).toBe(false);
    expect(codeOf(() => transition(k, "close", { actor: actors.lead1, now: tick(), input: {} }))).toContain(
      "现场验收",
    );
    expect(caseAbilities(actors.housing1, k).accept_onsite).toBe(false);
    expect(samePersonRefusal(actors.housing1.id, "accept_onsite", k, true)?.zh).toContain("同人不得闭环");

    const failed = act(k, "accept_onsite", actors.countyOffice, {
      passed: false,
      note: "气瓶间未安装报警器",
    });
    expect(failed).toMatchObject({ stage: "handling", reworkCount: 1, onsiteAcceptance: { passed: false } });

    k = act(k, "accept_onsite", actors.countyOffice, {
      passed: true,
      experts: "王工、赵工",
      location: nearSite,
    });
    k = act(k, "close", actors.lead1, {});
    expect(k).toMatchObject({ stage: "closed", resolution: "fixed", closeReason: "resolved" });
    expect(k.onsiteAcceptance?.by).not.toBe(k.handlerId);
    expect(k.lastRecheck?.by).not.toBe(k.handlerId);
  });

  it("cannot close when only partly remediated", () => {
    const check = {
      at: t0.toISOString(),
      by: actors.gridWorker.id,
      passed: true,
      flags: [],
      distanceM: null,
    };
    const k = makeCase({
      stage: "rechecked",
      type: "major_hazard",
      plan,
      ownerDepartmentId: dep.market,
      handlerId: actors.market1.id,
      remediation: "partial",
      lastRecheck: check,
      onsiteAcceptance: { ...check, by: actors.countyOffice.id },
    });
    expect(codeOf(() => transition(k, "close", { actor: actors.lead1, now: tick(), input: {} }))).toContain(
      "挂账",
    );
  });

  it("cannot close without a plan even when checks passed (e.g. reclassified as major late)", () => {
    const check = {
      at: t0.toISOString(),
      by: actors.gridWorker.id,
      passed: true,
      flags: [],
      distanceM: null,
    };
    const k = makeCase({
      stage: "rechecked",
      type: "major_hazard",
      remediation: "fixed",
      lastRecheck: check,
    });
    expect(codeOf(() => transition(k, "close", { actor: actors.lead1, now: tick(), input: {} }))).toContain(
      "治理方案",
    );
  });
});
