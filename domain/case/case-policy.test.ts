import { describe, expect, it } from "vitest";
import type { AppError } from "../errors";
import { actors, dep, makeCase, otherVillage, village } from "./case-fixtures";
import { authorizeCase, canReportCase, caseAbilities, casePolicy, closureRefusals } from "./case-policy";
import { type CaseAction, caseActions } from "./case-types";

type Name = keyof typeof actors;
const who = (action: CaseAction | "read", kase: Parameters<typeof casePolicy.read>[1]) =>
  (Object.keys(actors) as Name[]).filter((n) => casePolicy[action](actors[n], kase)).sort();

const reported = makeCase();
/** Dispatched to the market department, handled and fed back by market1. */
const held = makeCase({
  stage: "awaiting_recheck",
  ownerDepartmentId: dep.market,
  handlerId: actors.market1.id,
  lastFeedbackBy: actors.market2.id,
});

describe("case policy", () => {
  it("reading: jurisdiction for supervisors and field roles, ownership for cooperating departments", () => {
    expect(who("read", reported)).toEqual(
      ["cityOffice", "committee", "countyOffice", "gridWorker", "lead1", "lead2", "township"].sort(),
    );
    expect(who("read", held)).toContain("market1");
    expect(who("read", held)).not.toContain("marketElsewhere");
    expect(who("read", held)).not.toContain("housing1");
    expect(who("read", held)).not.toContain("gridWorkerOther");
    expect(who("read", held)).not.toContain("admin");
    // 三员分立: the audit administrator reads the trail, not cases.
    expect(who("read", held)).not.toContain("auditor");
    // The reporter keeps sight of their case within their jurisdiction (a cooperating department that
    // reported it without holding it), not after moving elsewhere: every case rule starts with the region,
    // so lists, exports and reads agree (least privilege, GB/T 22239-2019 8.1.4.2 c).
    expect(casePolicy.read(actors.market1, { ...reported, reporterId: actors.market1.id })).toBe(true);
    // A service provider reads cases only through an engagement (server/commands/provider/), or one it reported.
    expect(casePolicy.read(actors.provider, reported)).toBe(false);
    expect(casePolicy.read(actors.provider, { ...reported, reporterId: actors.provider.id })).toBe(true);
    expect(
      casePolicy.read(actors.gridWorkerOther, { ...reported, reporterId: actors.gridWorkerOther.id }),
    ).toBe(false);
  });

  it("the lead department triages, dispatches, rejects, merges and closes", () => {
    for (const action of ["triage", "dispatch", "reject", "merge", "close"] as const)
      expect(who(action, reported)).toEqual(["lead1", "lead2"]);
    const elsewhere = { ...reported, leadDepartmentId: "dep-other-lead" };
    expect(who("triage", elsewhere)).toEqual([]);
  });

  it("only the department holding the case accepts, returns, forwards, plans, feeds back and asks to park", () => {
    for (const action of ["accept", "return", "forward", "submit_plan", "feedback", "request_park"] as const)
      expect(who(action, held)).toEqual(["market1", "market2"]);
    // In its own remit the lead department holds the case and acts as its handler.
    for (const action of ["accept", "feedback"] as const)
      expect(who(action, reported)).toEqual(["lead1", "lead2"]);
  });

  it("re-check: field roles and the lead department in scope, never the holding department", () => {
    expect(who("recheck", held)).toEqual(["committee", "gridWorker", "lead1", "lead2", "township"].sort());
    const ownRemit = {
      ...held,
      ownerDepartmentId: dep.lead,
      handlerId: actors.lead1.id,
      lastFeedbackBy: actors.lead1.id,
    };
    expect(who("recheck", ownRemit)).toEqual(["committee", "gridWorker", "township"]);
    // The person rule (not the handler, not the feedback signer) is the county's 同人不得闭环 setting.
    const byWorker = { ...held, handlerId: actors.gridWorker.id };
    expect(casePolicy.recheck(actors.gridWorker, byWorker)).toBe(true);
    expect(caseAbilities(actors.gridWorker, byWorker).recheck).toBe(false);
    expect(caseAbilities(actors.gridWorker, byWorker, false).recheck).toBe(true);
    expect(casePolicy.recheck(actors.gridWorkerOther, { ...held, regionCode: village })).toBe(false);
    expect(casePolicy.recheck(actors.gridWorkerOther, { ...held, regionCode: otherVillage })).toBe(true);
  });

  it("offices escalate and decide on parking within their jurisdiction; on-site acceptance is independent", () => {
    for (const action of ["escalate", "approve_park", "deny_park"] as const)
      expect(who(action, held)).toEqual(["cityOffice", "countyOffice"]);
    expect(who("accept_onsite", held)).toEqual(["cityOffice", "countyOffice", "lead1", "lead2"]);
    expect(who("resume", held)).toEqual(["cityOffice", "countyOffice", "market1", "market2"]);
  });

  it("reopen: the reporter, or the lead department and offices on the public's behalf", () => {
    expect(who("reopen", held)).toEqual(["cityOffice", "countyOffice", "gridWorker", "lead1", "lead2"]);
    expect(who("reopen", { ...held, reporterId: null })).toEqual([
      "cityOffice",
      "countyOffice",
      "lead1",
      "lead2",
    ]);
  });

  it("auditors, service providers and administrators change nothing", () => {
    for (const name of ["auditor", "provider", "admin"] as const)
      for (const action of caseActions) expect(casePolicy[action](actors[name], held)).toBe(false);
  });

  it("reporting needs a reporting role and jurisdiction", () => {
    expect(canReportCase(actors.gridWorker, village)).toBe(true);
    expect(canReportCase(actors.gridWorker, otherVillage)).toBe(false);
    expect(canReportCase(actors.market1, village)).toBe(true);
    expect(canReportCase(actors.auditor, village)).toBe(false);
  });
});

describe("case abilities", () => {
  it("combine the policy with the stage", () => {
    const a = caseAbilities(actors.lead1, reported);
    expect(
      Object.entries(a)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(["triage", "reject", "merge"]);
    expect(Object.values(caseAbilities(actors.auditor, reported)).some(Boolean)).toBe(false);
    const recheck = caseAbilities(actors.gridWorker, held);
    expect(
      Object.entries(recheck)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(["recheck"]);
  });

  it("leave out actions whose case preconditions are not met", () => {
    const handling = makeCase({
      stage: "handling",
      ownerDepartmentId: dep.market,
      handlerId: actors.market1.id,
    });
    expect(caseAbilities(actors.countyOffice, handling).approve_park).toBe(false);
    const asked = {
      ...handling,
      parkRequest: { reason: "等待管网改造", until: null, by: "u-market1", at: "2026-11-02T00:00:00Z" },
    };
    expect(caseAbilities(actors.countyOffice, asked).approve_park).toBe(true);
    expect(caseAbilities(actors.market1, asked).request_park).toBe(false);
    expect(caseAbilities(actors.market1, handling).submit_plan).toBe(false);
  });
});

describe("authorizeCase", () => {
  it("answers not found outside the actor's sight and forbidden inside it", () => {
    const code = (fn: () => void) => {
      try {
        fn();
        return "ok";
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(code(() => authorizeCase(actors.otherCountyOffice, "escalate", held))).toBe("not_found");
    expect(code(() => authorizeCase(actors.auditor, "escalate", held))).toBe("not_found");
    // a service provider does not see cases by region (only through an engagement): not found
    expect(code(() => authorizeCase(actors.provider, "escalate", held))).toBe("not_found");
    expect(
      code(() => authorizeCase(actors.provider, "escalate", { ...held, reporterId: actors.provider.id })),
    ).toBe("forbidden");
    expect(code(() => authorizeCase(actors.countyOffice, "escalate", held))).toBe("ok");
  });
});

describe("同人不得闭环 on the case page (closureRefusals)", () => {
  const check = {
    at: "2026-11-03T08:00:00.000Z",
    by: actors.gridWorker.id,
    passed: true,
    flags: [],
    distanceM: null,
  };
  /** Own remit: the lead department handled it and lead1 fed back; a grid worker re-checked. */
  const ownRemit = makeCase({
    stage: "rechecked",
    ownerDepartmentId: dep.lead,
    handlerId: actors.lead1.id,
    lastFeedbackBy: actors.lead1.id,
    lastFeedbackAt: "2026-11-02T08:00:00.000Z",
    remediation: "fixed",
    lastRecheck: check,
  });

  it("states the refusal to the person it concerns, and takes the close button away", () => {
    expect(closureRefusals(actors.lead1, ownRemit, true)).toEqual([
      expect.objectContaining({ action: "close", zh: expect.stringContaining("同人不得闭环") }),
    ]);
    expect(caseAbilities(actors.lead1, ownRemit).close).toBe(false);
    expect(caseAbilities(actors.lead2, ownRemit).close).toBe(true);
    expect(closureRefusals(actors.lead2, ownRemit, true)).toEqual([]);
  });

  it("says nothing when the county switched the rule off, or when the role could not act anyway", () => {
    expect(closureRefusals(actors.lead1, ownRemit, false)).toEqual([]);
    expect(caseAbilities(actors.lead1, ownRemit, false).close).toBe(true);
    expect(closureRefusals(actors.market1, { ...ownRemit, handlerId: actors.market1.id }, true)).toEqual([]);
  });
});
