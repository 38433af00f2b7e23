import { expect, it } from "vitest";
import { findCaseRow } from "../../../db/queries/case-queries";
import { listSubjectEvents } from "../../../db/queries/event-queries";
import { runDeadlineJob } from "../../jobs/deadline-job";
import { eachCaseWorld } from "./case-command-kit";
import { createDeadlineRule } from "./save-deadline-rule";

/**
 * Stage deadlines on the official calendar with the injected clock. 2026: National Day holiday
 * 1–7 October, Saturday 10 October a make-up working day. Office hours 09:00–12:00, 13:30–17:30 (UTC+8).
 */
eachCaseWorld("case deadlines across a holiday and a make-up day", (w) => {
  const row = async (id: string) => (await findCaseRow(w.deps.db, id))!;

  it("a 2-working-hour triage limit reported on the eve of National Day falls after the holiday", async () => {
    w.deps.clock.set("2026-09-30T08:30:00.000Z"); // Wed 16:30 in Shanghai
    const id = await w.report({ category: "gas" });
    // One hour left on 30 September, one more on Thursday 8 October.
    expect((await row(id)).deadline).toBe("2026-10-08T02:00:00.000Z");

    w.deps.clock.set("2026-10-05T02:00:00.000Z"); // in the holiday
    const quiet = await runDeadlineJob(w.deps);
    expect(quiet.overdue).toBe(0);
    expect((await row(id)).escalated).toBe(0);

    w.deps.clock.set("2026-10-08T01:00:00.000Z"); // 09:00, one hour before the deadline
    expect((await runDeadlineJob(w.deps)).dueSoon).toBeGreaterThanOrEqual(1);
    expect((await row(id)).deadlineState).toBe("due_soon");

    w.deps.clock.set("2026-10-08T02:01:00.000Z");
    const report = await runDeadlineJob(w.deps);
    expect(report.escalated).toBeGreaterThanOrEqual(1);
    const after = await row(id);
    expect(after.escalated).toBe(1);
    expect(after.deadlineState).toBe("overdue");
    expect(after.escalationLevel).toBe(6);
    const last = (await listSubjectEvents(w.deps.db, "case", id)).at(-1)!;
    expect(last.action).toBe("case.escalated");
    expect(last.actorId).toBeNull();
    expect(JSON.parse(last.data)).toMatchObject({ automatic: true, level: 6, overdueStage: "reported" });
    // The county office was told in its inbox.
    const told = await w.deps.db
      .selectFrom("notification")
      .select("userId")
      .where("caseId", "=", id)
      .where("kind", "=", "case.escalated")
      .execute();
    expect(told.map((t) => t.userId)).toContain(w.actors.county.id);
    // A second pass does not escalate again.
    expect((await runDeadlineJob(w.deps)).escalated).toBe(0);
  });

  it("a one-working-day dispatch limit set on Friday 9 October ends on the make-up Saturday", async () => {
    w.deps.clock.set("2026-10-09T02:00:00.000Z"); // Fri 10:00
    const id = await w.report({ category: "fire" });
    await w.act("lead", id, "triage", { type: "general_hazard", category: "fire" });
    await w.act("lead", id, "dispatch", { departmentId: w.departments.market });
    expect((await row(id)).deadline).toBe("2026-10-10T09:30:00.000Z");
  });

  it("five working days of handling from 30 September skip the holiday and count the make-up day", async () => {
    w.deps.clock.set("2026-09-30T03:00:00.000Z");
    const id = await w.report({ category: "fire" });
    await w.act("lead", id, "triage", { type: "general_hazard", category: "fire" });
    await w.act("lead", id, "dispatch", { departmentId: w.departments.market });
    await w.act("market", id, "accept");
    // 8, 9, 10 (make-up Saturday), 12, 13 October.
    expect((await row(id)).deadline).toBe("2026-10-13T09:30:00.000Z");
  });

  it("a county's own rule overrides the default, and a past plan time limit is refused", async () => {
    w.deps.clock.set("2026-11-30T02:00:00.000Z"); // Mon 10:00
    await createDeadlineRule(w.deps, w.actors.county, {
      regionPrefix: "620123",
      category: "fire",
      stage: "reported",
      unit: "working_hours",
      amount: 1,
    });
    const id = await w.report({ category: "fire" });
    expect((await row(id)).deadline).toBe("2026-11-30T03:00:00.000Z");
    await expect(
      createDeadlineRule(w.deps, w.actors.county, {
        regionPrefix: "620102",
        stage: "reported",
        unit: "working_hours",
        amount: 1,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createDeadlineRule(w.deps, w.actors.county, {
        regionPrefix: "620123",
        stage: "closed",
        unit: "working_hours",
        amount: 1,
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("reminds re-checkers one working day before the re-check is due (复查早提醒)", async () => {
    w.deps.clock.set("2026-12-01T02:00:00.000Z"); // Tue 10:00
    const id = await w.report({ category: "fire" });
    await w.act("lead", id, "triage", { type: "general_hazard", category: "fire" });
    await w.act("lead", id, "dispatch", { departmentId: w.departments.market });
    await w.act("market", id, "accept");
    await w.act("market", id, "feedback", {
      result: "fixed",
      note: "已整改",
      evidenceIds: [await w.evidence("market")],
    });
    // Re-check limit: 3 working days -> end of Friday 4 December.
    expect((await row(id)).deadline).toBe("2026-12-04T09:30:00.000Z");
    expect((await runDeadlineJob(w.deps)).recheckReminded).toBe(0);
    w.deps.clock.set("2026-12-03T09:30:00.000Z"); // Thu 17:30: one working day left
    expect((await runDeadlineJob(w.deps)).recheckReminded).toBe(1);
    const reminders = await w.deps.db
      .selectFrom("notification")
      .select("userId")
      .where("caseId", "=", id)
      .where("kind", "=", "case.recheck_due")
      .execute();
    expect(reminders.map((r) => r.userId)).toEqual(
      expect.arrayContaining([w.actors.worker.id, w.actors.station.id]),
    );
    expect((await runDeadlineJob(w.deps)).recheckReminded).toBe(0);
  });
});
