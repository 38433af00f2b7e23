import { describe, expect, it } from "vitest";
import { emptyTally, sumTallies, type TallyStep, tallyOfStep } from "./case-tally";
import { computeAll, computeIndicator, indicatorCatalogue } from "./indicator-catalogue";
import { change, lastYearPeriod, periodOf, previousPeriod, splitPeriod } from "./indicator-period";

/**
 * A fixture of five cases of one township in November 2026 with every step written out, so each rate can be
 * worked out by hand (the expected values below are computed in the comments, not by the code under test).
 */
const due = "2026-11-10T09:00:00.000Z";
const early = "2026-11-09T09:00:00.000Z";
const late = "2026-11-11T09:00:00.000Z";
const steps: TallyStep[] = [
  // Five reports; case E recurring (same site and category again).
  ...["A", "B", "C", "D"].map(() => ({ action: "report", at: early, due: null })),
  { action: "report", at: early, due: null, recurring: true, escalatedAtReport: true },
  // Triage: A, B, C on time; D late; E rejected on time. 受理数 5, 按时 4.
  { action: "triage", at: early, due },
  { action: "triage", at: early, due },
  { action: "triage", at: early, due },
  { action: "triage", at: late, due },
  { action: "reject", at: early, due },
  // Dispatch A, B, C, D (4); C returned once and dispatched again (5 dispatches, 1 redirect);
  // D forwarded (counts as a dispatch and a redirect): 6 dispatches, 2 redirects.
  { action: "dispatch", at: early, due: null },
  { action: "dispatch", at: early, due: null },
  { action: "dispatch", at: early, due: null },
  { action: "return", at: early, due },
  { action: "dispatch", at: early, due: null },
  { action: "dispatch", at: early, due: null },
  { action: "forward", at: early, due },
  // Feedback: A on time, B late, C on time (3 feedbacks, 2 on time).
  { action: "feedback", at: early, due },
  { action: "feedback", at: late, due },
  { action: "feedback", at: early, due },
  // Re-checks: A passes, B fails (rework), B passes after the rework, C passes: 4 checks, 1 rework.
  { action: "recheck", at: early, due, passed: true },
  { action: "recheck", at: early, due, passed: false },
  { action: "recheck", at: early, due, passed: true },
  { action: "recheck", at: early, due, passed: true },
  // Close A (reported 09:00 Nov 1, closed 09:00 Nov 3: 48 h) on time; B (had a late feedback) 24 h; C 12 h.
  { action: "close", at: "2026-11-03T01:00:00.000Z", due: null, reportedAt: "2026-11-01T01:00:00.000Z" },
  {
    action: "close",
    at: "2026-11-02T01:00:00.000Z",
    due: null,
    reportedAt: "2026-11-01T01:00:00.000Z",
    lateBefore: true,
  },
  { action: "close", at: "2026-11-01T13:00:00.000Z", due: null, reportedAt: "2026-11-01T01:00:00.000Z" },
];
// A working-hours stand-in: a quarter of the natural hours.
const tally = sumTallies(
  steps.map((s) => tallyOfStep(s, (f, t) => (t.getTime() - f.getTime()) / 3_600_000 / 4)),
);
const value = (key: string, workingDays = false) =>
  computeIndicator(key, { cases: tally }, { workingDays }).value;

describe("indicator catalogue on a hand-worked fixture", () => {
  it("按时受理率 = 4 on time ÷ 5 decisions = 80 %", () => {
    expect(tally.triaged).toBe(5);
    expect(value("triage_on_time_rate")).toBe(0.8);
  });
  it("准确派遣率 = (6 dispatches − 2 redirects) ÷ 6 = 66.67 %", () => {
    expect([tally.dispatched, tally.redirected]).toEqual([6, 2]);
    expect(value("dispatch_accuracy_rate")).toBe(0.6667);
  });
  it("按期处置率 = 2 ÷ 3 = 66.67 %", () => {
    expect(value("handling_on_time_rate")).toBe(0.6667);
  });
  it("按期结案率 = A and C on time, B had a late step: 2 ÷ 3", () => {
    expect(value("closing_on_time_rate")).toBe(0.6667);
  });
  it("结案率 = 3 closed ÷ (5 decisions − 1 rejected) = 75 %", () => {
    expect(value("closing_rate")).toBe(0.75);
  });
  it("返工率 = 1 failed ÷ 4 checks = 25 %", () => {
    expect(value("rework_rate")).toBe(0.25);
  });
  it("平均处置时长 = (48 + 24 + 12) ÷ 3 = 28 h; working hours (¼ here) 7 h", () => {
    expect(value("avg_handling_hours")).toBe(28);
    expect(value("avg_handling_hours", true)).toBe(7);
  });
  it("counts: 5 reported, 1 recurring (20 %), 1 escalation, late steps = triage D + return + forward + feedback B", () => {
    expect(value("reported")).toBe(5);
    expect(value("recurrence_rate")).toBe(0.2);
    expect(value("escalated")).toBe(1);
    // The return and the forward happened at `early`, before the due time: not late. Late: triage D, feedback B.
    expect(value("overdue_steps")).toBe(2);
  });
  it("an indicator without data is unavailable, never 0", () => {
    const empty = computeIndicator("triage_on_time_rate", { cases: emptyTally() });
    expect(empty).toMatchObject({ value: null, unavailable: "no_denominator" });
    expect(computeIndicator("triage_on_time_rate", {})).toMatchObject({
      value: null,
      unavailable: "no_source",
    });
    expect(computeIndicator("patrol_coverage_rate", { cases: tally })).toMatchObject({
      unavailable: "no_source",
    });
    expect(
      computeIndicator("site_coverage_rate", {
        coverage: { sites: 8, sitesInGrid: 6, grids: 2, gridsWithWorker: 1 },
      }).value,
    ).toBe(0.75);
    expect(() => computeIndicator("nope", {})).toThrow();
  });
  it("every indicator has a written formula in Chinese naming itself", () => {
    for (const d of indicatorCatalogue) expect(d.formulaZh.startsWith(d.zh)).toBe(true);
    expect(computeAll({ cases: tally }).length).toBe(indicatorCatalogue.length);
  });
});

describe("periods", () => {
  const now = new Date("2026-11-20T18:00:00.000Z"); // 2026-11-21 in Shanghai
  it("this month, quarter, year; month on month and year on year", () => {
    expect(periodOf("month", now)).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(periodOf("quarter", now)).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(previousPeriod(periodOf("quarter", now))).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    expect(previousPeriod(periodOf("month", new Date("2026-03-10T00:00:00Z")))).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(lastYearPeriod(periodOf("month", now))).toMatchObject({ from: "2025-11-01", to: "2025-11-30" });
    const custom = periodOf("custom", now, { from: "2026-11-05", to: "2026-11-14" });
    expect(previousPeriod(custom)).toMatchObject({ from: "2026-10-26", to: "2026-11-04" });
  });
  it("a period splits into whole months plus loose days", () => {
    expect(splitPeriod({ from: "2026-10-30", to: "2026-12-02" })).toEqual({
      months: ["2026-11"],
      days: ["2026-10-30", "2026-10-31", "2026-12-01", "2026-12-02"],
    });
  });
  it("change is null without a base", () => {
    expect(change(12, 10)).toBe(0.2);
    expect(change(12, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
  });
});
