import { expect, it } from "vitest";
import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { listSubjectEvents, verifyTrail } from "../../../db/queries/event-queries";
import { testPassword } from "../../test/fixtures";
import { updateCountySettings } from "../settings/county-settings";
import { createUser } from "../users/create-user";
import { actOnCase } from "./act-on-case";
import { atVillage, eachCaseWorld, insertTestSite, rejects, village } from "./case-command-kit";

const far = { lng: atVillage.lng + 0.03, lat: atVillage.lat + 0.02 };

eachCaseWorld("case commands", (w) => {
  const load = async (id: string) => rowToCase((await findCaseRow(w.deps.db, id))!);
  const toHandling = async (over: Record<string, unknown> = {}) => {
    const id = await w.report(over);
    await w.act("lead", id, "triage", { type: (over.type as string) ?? "general_hazard", category: "gas" });
    await w.act("lead", id, "dispatch", { departmentId: w.departments.market });
    await w.act("market", id, "accept");
    return id;
  };
  const feedback = async (id: string) => {
    w.deps.clock.advance({ minutes: 3 });
    await w.act("market", id, "feedback", {
      result: "fixed",
      note: "已整改",
      evidenceIds: [await w.evidence("market")],
    });
    w.deps.clock.advance({ minutes: 3 });
  };

  it("reports with a number, the lead department as owner, a deadline and a suggested department", async () => {
    const id = await w.report();
    const k = await load(id);
    expect(k.number).toMatch(/^620123-2026-\d{6}$/);
    expect(k.stage).toBe("reported");
    expect(k.ownerDepartmentId).toBe(w.departments.emergency);
    expect(k.deadline).not.toBeNull();
    // Gas is in the remit of housing and urban-rural development (category default kind).
    expect(k.suggestedDepartmentId).toBe(w.departments.housing);
    const second = await load(await w.report());
    expect(Number(second.number.slice(-6))).toBe(Number(k.number.slice(-6)) + 1);
  });

  it("refuses a report outside the jurisdiction, without a region, or with foreign evidence", async () => {
    await rejects(w.report({ regionCode: "620102001001" }), "forbidden");
    await rejects(w.report({ regionCode: undefined }), "validation_failed");
    const other = await w.evidence("committee");
    await rejects(w.report({ evidenceIds: [other] }), "evidence_not_found");
  });

  it("refuses a re-check by the handler and a re-check dated before the feedback (honest closure)", async () => {
    const id = await toHandling();
    await feedback(id);
    // 同人不得闭环 (on by default): the handler who fed back is refused with 409 before the role check.
    const byHandler = await rejects(w.act("market", id, "recheck", { passed: true }), "same_person_closure");
    expect(byHandler.status).toBe(409);
    const k = await load(id);
    const before = new Date(Date.parse(k.lastFeedbackAt!) - 60_000).toISOString();
    const early = await rejects(
      w.act("worker", id, "recheck", { passed: true, location: atVillage, recheckedAt: before }),
      "validation_failed",
    );
    expect(early.zh).toContain("整改反馈之后");
    expect((await load(id)).stage).toBe("awaiting_recheck");
  });

  it("flags a re-check far from the site and records it on the event", async () => {
    const id = await toHandling();
    await feedback(id);
    await w.act("worker", id, "recheck", { passed: true, location: far });
    const k = await load(id);
    expect(k.lastRecheck?.flags).toContain("far_from_site");
    expect(k.lastRecheck?.distanceM).toBeGreaterThan(300);
    const events = await listSubjectEvents(w.deps.db, "case", id);
    const data = JSON.parse(events.at(-1)!.data);
    expect(data.flags).toContain("far_from_site");
  });

  it("counts rework when a re-check fails and sends the case back to handling", async () => {
    const id = await toHandling();
    await feedback(id);
    await w.act("worker", id, "recheck", { passed: false, note: "钢瓶仍在地下室", location: atVillage });
    const k = await load(id);
    expect(k.stage).toBe("handling");
    expect(k.reworkCount).toBe(1);
  });

  it("a returned case goes back to triage, owned by the lead department, with the next department suggested", async () => {
    const id = await toHandling();
    await w.act("market", id, "return", { reason: "不属于本部门职责范围" });
    const k = await load(id);
    expect(k.stage).toBe("triaged");
    expect(k.ownerDepartmentId).toBe(w.departments.emergency);
    expect(k.returnCount).toBe(1);
    expect(k.suggestedDepartmentId).toBe(w.departments.housing);
    // The housing department returns it too: the suggestion never points back to a department that returned it.
    await w.act("lead", id, "dispatch", { departmentId: w.departments.housing });
    const u = await createUser(w.deps, null, {
      username: "housing",
      displayName: "住建局",
      role: "cooperating_department",
      scope: ["620123"],
      departmentId: w.departments.housing,
      password: testPassword,
    });
    const housing = {
      id: u.id,
      username: "housing",
      displayName: "住建局",
      role: u.role,
      scope: ["620123"],
      departmentId: w.departments.housing,
    };
    await actOnCase(w.deps, housing as never, id, "return", { reason: "不属于本部门职责范围" });
    const again = await load(id);
    expect(again.ownerDepartmentId).toBe(w.departments.emergency);
    expect([w.departments.market, w.departments.housing]).not.toContain(again.suggestedDepartmentId);
  });

  it("a major hazard is listed for supervision, needs the six-item plan, and on-site acceptance by someone else", async () => {
    const id = await toHandling({ type: "major_hazard" });
    const listed = await findCaseRow(w.deps.db, id);
    expect(listed?.escalated).toBe(1);
    expect(listed?.escalationLevel).toBe(6);
    await rejects(
      w.act("market", id, "feedback", { result: "fixed", evidenceIds: [await w.evidence("market")] }),
      "validation_failed",
    );
    const plan = {
      objectives: "消除隐患",
      measures: "移出钢瓶",
      fundsMaterials: "3 万元",
      responsiblePeople: "张某",
      timeLimit: "2027-03-31",
      safetyMeasures: "停用地下室",
    };
    await rejects(
      w.act("market", id, "submit_plan", { plan: { ...plan, safetyMeasures: undefined } }),
      "validation_failed",
    );
    await rejects(
      w.act("market", id, "submit_plan", { plan: { ...plan, timeLimit: "2020-01-01" } }),
      "validation_failed",
    );
    await w.act("market", id, "submit_plan", { plan });
    await feedback(id);
    await w.act("worker", id, "recheck", { passed: true, location: atVillage });
    await rejects(w.act("lead", id, "close"), "validation_failed");
    await w.act("lead", id, "accept_onsite", {
      passed: true,
      location: atVillage,
      experts: "专家甲、专家乙",
    });
    await w.act("lead", id, "close");
    const k = await load(id);
    expect(k.stage).toBe("closed");
    expect(k.onsiteAcceptance?.by).toBe(w.actors.lead.id);
    expect(k.onsiteAcceptance?.by).not.toBe(k.handlerId);
  });

  it("a case in the lead department's own remit: its handler may not re-check, accept on site or close it", async () => {
    const id = await w.report({ type: "major_hazard" });
    await w.act("lead", id, "triage", { type: "major_hazard", category: "gas" });
    await w.act("lead", id, "dispatch", { departmentId: w.departments.emergency });
    await w.act("lead", id, "accept");
    await w.act("lead", id, "submit_plan", {
      plan: {
        objectives: "消除隐患",
        measures: "移出钢瓶",
        fundsMaterials: "3 万元",
        responsiblePeople: "赵某",
        timeLimit: "2027-03-31",
        safetyMeasures: "停用地下室",
      },
    });
    w.deps.clock.advance({ minutes: 3 });
    await w.act("lead", id, "feedback", {
      result: "fixed",
      note: "已整改",
      evidenceIds: [await w.evidence("lead")],
    });
    w.deps.clock.advance({ minutes: 3 });
    await rejects(w.act("lead", id, "recheck", { passed: true, location: atVillage }), "same_person_closure");
    await w.act("station", id, "recheck", { passed: true, location: atVillage });
    await rejects(
      w.act("lead", id, "accept_onsite", { passed: true, location: atVillage }),
      "same_person_closure",
    );
    await w.act("county", id, "accept_onsite", { passed: true, location: atVillage });
    await rejects(w.act("lead", id, "close"), "same_person_closure");
    // The county office may switch the rule off for the county (recorded in the trail).
    await updateCountySettings(w.deps, w.actors.county, "620123", { anotherPersonCloses: false });
    await w.act("lead", id, "close");
    await updateCountySettings(w.deps, w.actors.county, "620123", { anotherPersonCloses: true });
    const k = await load(id);
    expect(k.stage).toBe("closed");
    expect(k.handlerId).toBe(w.actors.lead.id);
    expect(k.onsiteAcceptance?.by).toBe(w.actors.county.id);
  });

  it("a site's third case of the same category within 90 days is escalated at once", async () => {
    await insertTestSite(w.deps, {
      id: "site-recur",
      regionCode: village,
      lon: 104.12,
      lat: 35.85,
      departmentId: w.departments.market,
    });
    const first = await load(
      await w.report({ siteId: "site-recur", location: undefined, regionCode: undefined }),
    );
    expect(first.escalated).toBe(false);
    expect(first.location).toEqual({ lng: 104.12, lat: 35.85 });
    expect(first.suggestedDepartmentId).toBe(w.departments.market);
    w.deps.clock.advance({ days: 20 });
    expect((await load(await w.report({ siteId: "site-recur" }))).escalated).toBe(false);
    w.deps.clock.advance({ days: 20 });
    const third = await load(await w.report({ siteId: "site-recur" }));
    expect(third.escalated).toBe(true);
    const row = await findCaseRow(w.deps.db, third.id);
    expect(row?.recurring).toBe(1);
    const events = await listSubjectEvents(w.deps.db, "site", "site-recur");
    expect(events.filter((e) => e.action === "site.case_reported")).toHaveLength(3);
  });

  it("parks with approval and resumes", async () => {
    const id = await toHandling();
    await w.act("market", id, "request_park", { reason: "需等待专用设备采购到位后整改" });
    await rejects(w.act("market", id, "approve_park"), "forbidden");
    await w.act("county", id, "approve_park");
    const parked = await load(id);
    expect(parked.stage).toBe("parked");
    expect(parked.deadline).toBeNull();
    await w.act("market", id, "resume");
    expect((await load(id)).stage).toBe("handling");
  });

  it("an action in the wrong stage is a 409 with the allowed actions, and changes nothing", async () => {
    const id = await w.report();
    const before = await findCaseRow(w.deps.db, id);
    // the county office reads the case but does not triage (the auditor reads no case at all: 三员分立)
    const err = await rejects(
      w.act("county", id, "triage", { type: "general_hazard", category: "gas" }),
      "forbidden",
    );
    await rejects(w.act("market", id, "triage", { type: "general_hazard", category: "gas" }), "not_found");
    expect(err.status).toBe(403);
    const bad = await rejects(w.act("lead", id, "close"), "invalid_transition");
    expect(bad.status).toBe(409);
    expect(bad.details?.allowed).toEqual(["triage", "reject", "merge", "escalate"]);
    expect(await findCaseRow(w.deps.db, id)).toEqual(before);
  });

  it("merges a duplicate into an open case and records it on both", async () => {
    const main = await w.report();
    const dup = await w.report();
    await w.act("lead", dup, "merge", { targetCaseId: main });
    const k = await load(dup);
    expect(k.stage).toBe("closed");
    expect(k.mergedInto).toBe(main);
    const mainEvents = await listSubjectEvents(w.deps.db, "case", main);
    expect(mainEvents.map((e) => e.action)).toContain("case.duplicate_merged");
    await rejects(w.act("lead", dup, "reopen", { reason: "群众反映仍未整改" }), "validation_failed");
  });

  it("the trail verifies after all of it", async () => {
    expect((await verifyTrail(w.deps.db)).ok).toBe(true);
  });
});
