import { describe, expect, it } from "vitest";
import { lastDayOf, patrolStatus, periodOf, previousPeriod } from "./patrol-period";
import { defaultPatrolPlan, frequencyOf, parseStoredPlan, planRules } from "./patrol-plan";

// Saturday 2026-12-05 09:00 in Shanghai
const now = new Date("2026-12-05T01:00:00Z");
const iso = (d: Date) => d.toISOString();

describe("patrol periods (Asia/Shanghai)", () => {
  it("weeks run Monday 00:00 to Sunday 24:00 Shanghai time", () => {
    const w = periodOf("weekly", now);
    expect(iso(w.start)).toBe("2026-11-29T16:00:00.000Z"); // Mon 2026-11-30 00:00 +08:00
    expect(iso(w.end)).toBe("2026-12-06T16:00:00.000Z");
    expect(lastDayOf(w)).toBe("2026-12-06");
    // Sunday 23:59 Shanghai is still this week; Monday 00:00 is the next
    expect(iso(periodOf("weekly", new Date("2026-12-06T15:59:00Z")).start)).toBe(iso(w.start));
    expect(iso(periodOf("weekly", new Date("2026-12-06T16:00:00Z")).start)).toBe(iso(w.end));
    // Monday 07:00 Shanghai is Sunday 23:00 UTC: already the Shanghai week
    expect(iso(periodOf("weekly", new Date("2026-11-29T23:00:00Z")).start)).toBe(iso(w.start));
  });

  it("fortnights are week pairs counted from Monday 1970-01-05", () => {
    // 2026-11-30 is day 20787; (20787 - 4) % 14 = 7, so its fortnight began on Monday 2026-11-23
    const f = periodOf("fortnightly", now);
    expect(iso(f.start)).toBe("2026-11-22T16:00:00.000Z");
    expect(lastDayOf(f)).toBe("2026-12-06");
    expect(iso(previousPeriod("fortnightly", now).start)).toBe("2026-11-08T16:00:00.000Z");
  });

  it("months, quarters, half-years and years are calendar periods", () => {
    expect(iso(periodOf("monthly", now).start)).toBe("2026-11-30T16:00:00.000Z");
    expect(lastDayOf(periodOf("monthly", now))).toBe("2026-12-31");
    expect(iso(periodOf("quarterly", now).start)).toBe("2026-09-30T16:00:00.000Z");
    expect(iso(periodOf("half_yearly", now).start)).toBe("2026-06-30T16:00:00.000Z");
    expect(iso(periodOf("yearly", now).start)).toBe("2025-12-31T16:00:00.000Z");
    expect(iso(previousPeriod("quarterly", now).start)).toBe("2026-06-30T16:00:00.000Z");
    // 1 December 07:00 Shanghai is 30 November UTC: December already
    expect(lastDayOf(periodOf("monthly", new Date("2026-11-30T23:00:00Z")))).toBe("2026-12-31");
    // year end: previous of January is December of the year before
    expect(iso(previousPeriod("monthly", new Date("2027-01-03T00:00:00Z")).start)).toBe(
      "2026-11-30T16:00:00.000Z",
    );
  });
});

describe("patrol status of a site", () => {
  const old = { createdAt: "2026-01-01T00:00:00Z" };
  it("done when visited in the current period", () => {
    const s = patrolStatus(old, "weekly", "2026-11-30T01:00:00Z", now);
    expect(s).toMatchObject({ status: "done", dueBy: "2026-12-06" });
  });
  it("due when the previous period was met but not yet this one", () => {
    const s = patrolStatus(old, "weekly", "2026-11-25T01:00:00Z", now);
    expect(s).toMatchObject({ status: "due", dueBy: "2026-12-06" });
  });
  it("overdue when the whole previous period passed without a visit", () => {
    expect(patrolStatus(old, "weekly", "2026-11-20T01:00:00Z", now)).toMatchObject({
      status: "overdue",
      dueBy: "2026-11-29",
    });
    expect(patrolStatus(old, "monthly", null, now)).toMatchObject({ status: "overdue", dueBy: "2026-11-30" });
  });
  it("a site registered during the previous period is only due", () => {
    expect(patrolStatus({ createdAt: "2026-11-26T00:00:00Z" }, "weekly", null, now).status).toBe("due");
  });
});

describe("patrol plan", () => {
  it("uses the kind override, then the risk level, then the unrated frequency", () => {
    expect(frequencyOf(defaultPatrolPlan, { kind: "household", riskLevel: "red" })).toBe("yearly");
    expect(frequencyOf(defaultPatrolPlan, { kind: "enterprise", riskLevel: "red" })).toBe("weekly");
    expect(frequencyOf(defaultPatrolPlan, { kind: "small_shop", riskLevel: "blue" })).toBe("quarterly");
    expect(frequencyOf(defaultPatrolPlan, { kind: "small_shop", riskLevel: null })).toBe("monthly");
  });
  it("its rules give the same answer as frequencyOf, first match wins", () => {
    const rules = planRules(defaultPatrolPlan);
    for (const kind of ["household", "enterprise"])
      for (const riskLevel of ["red", "orange", "yellow", "blue", null]) {
        const hit = rules.find(
          (r) => (!r.kind || r.kind === kind) && (!r.risk || r.risk === riskLevel) && !(r.kind && r.risk),
        );
        expect(hit?.frequency).toBe(frequencyOf(defaultPatrolPlan, { kind, riskLevel }));
      }
  });
  it("a stored plan that no longer parses falls back to the default", () => {
    expect(parseStoredPlan("{bad")).toEqual(defaultPatrolPlan);
    expect(parseStoredPlan(null)).toEqual(defaultPatrolPlan);
  });
});
