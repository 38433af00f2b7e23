import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../calendar/working-calendar";
import { defaultCaseCategories } from "./case-categories";
import { makeCase, plan } from "./case-fixtures";
import {
  computeDeadline,
  type DeadlineRule,
  deadlineFor,
  deadlineStatus,
  defaultDeadlineRules,
  pickDeadlineRule,
  timedStages,
  type WorkingCalendar,
} from "./deadline-rules";

/** A Monday-to-Friday calendar (no holidays) for these tests; the real one lives in domain/calendar. */
const weekdays: WorkingCalendar = {
  addWorkingDays(from, n) {
    const d = new Date(from);
    for (let left = n; left > 0; ) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
    }
    return d;
  },
  addWorkingHours: (from, n) => new Date(from.getTime() + n * 3_600_000),
};

const rule = (r: Partial<DeadlineRule>): DeadlineRule => ({
  regionPrefix: "",
  category: null,
  type: null,
  stage: "handling",
  unit: "working_days",
  amount: 10,
  ...r,
});

describe("pickDeadlineRule", () => {
  const kase = makeCase({ regionCode: "620123100001", category: "gas", type: "general_hazard" });

  it("has a default rule for every timed stage and type", () => {
    for (const stage of timedStages)
      for (const type of ["violation", "general_hazard", "major_hazard", "accident", "other"] as const)
        expect(
          pickDeadlineRule(defaultDeadlineRules, { ...kase, type, category: "other" }, stage),
        ).not.toBeNull();
    expect(pickDeadlineRule(defaultDeadlineRules, kase, "parked")).toBeNull();
  });

  it("uses the category's limit for general hazards and the type's for major hazards and accidents", () => {
    expect(pickDeadlineRule(defaultDeadlineRules, kase, "handling")).toMatchObject({
      category: "gas",
      amount: 3,
    });
    expect(
      pickDeadlineRule(defaultDeadlineRules, { ...kase, category: "construction" }, "handling"),
    ).toMatchObject({
      category: null,
      type: null,
      amount: 10,
    });
    expect(
      pickDeadlineRule(
        defaultDeadlineRules,
        { ...kase, type: "violation", category: "construction" },
        "handling",
      ),
    ).toMatchObject({ type: "violation", amount: 5 });
    expect(pickDeadlineRule(defaultDeadlineRules, { ...kase, type: "accident" }, "reported")).toMatchObject({
      unit: "working_hours",
      amount: 1,
    });
  });

  it("lets the most specific rule win: region first, then type, then category, then the later one", () => {
    const rules = [
      rule({ amount: 1 }),
      rule({ category: "gas", amount: 2 }),
      rule({ type: "general_hazard", amount: 3 }),
      rule({ regionPrefix: "62", amount: 4 }),
      rule({ regionPrefix: "620123", amount: 5 }),
      rule({ regionPrefix: "620124", type: "general_hazard", category: "gas", amount: 99 }),
    ];
    expect(pickDeadlineRule(rules, kase, "handling")?.amount).toBe(5);
    expect(pickDeadlineRule(rules.slice(0, 4), kase, "handling")?.amount).toBe(4);
    expect(pickDeadlineRule(rules.slice(0, 3), kase, "handling")?.amount).toBe(3);
    expect(pickDeadlineRule(rules.slice(0, 2), kase, "handling")?.amount).toBe(2);
    expect(
      pickDeadlineRule([...rules, rule({ regionPrefix: "620123", amount: 6 })], kase, "handling")?.amount,
    ).toBe(6);
    expect(pickDeadlineRule(rules, kase, "dispatched")).toBeNull();
  });

  it("derives category rules from the taxonomy", () => {
    const gas = defaultDeadlineRules.filter((r) => r.category === "gas");
    expect(gas.map((r) => r.stage).sort()).toEqual(Object.keys(defaultCaseCategories.gas.deadlines).sort());
  });
});

describe("computeDeadline and deadlineFor", () => {
  const friday = new Date("2026-11-06T02:00:00.000Z");

  it("counts working days or working hours on the calendar", () => {
    expect(computeDeadline({ unit: "working_days", amount: 1 }, friday, weekdays).toISOString()).toBe(
      "2026-11-09T02:00:00.000Z",
    );
    expect(computeDeadline({ unit: "working_hours", amount: 4 }, friday, weekdays).toISOString()).toBe(
      "2026-11-06T06:00:00.000Z",
    );
  });

  it("uses the plan's time limit for a major hazard in handling, and nothing for untimed stages", () => {
    const major = makeCase({ type: "major_hazard", plan });
    expect(deadlineFor(defaultDeadlineRules, major, "handling", friday, weekdays)?.toISOString()).toBe(
      "2026-12-31T15:59:59.999Z",
    );
    expect(
      deadlineFor(
        defaultDeadlineRules,
        { ...major, plan: null },
        "handling",
        friday,
        weekdays,
      )?.toISOString(),
    ).toBe("2026-11-13T02:00:00.000Z");
    expect(deadlineFor(defaultDeadlineRules, major, "parked", friday, weekdays)).toBeNull();
    expect(deadlineFor(defaultDeadlineRules, major, "closed", friday, weekdays)).toBeNull();
  });
});

describe("with the official calendar (holidays and make-up days)", () => {
  const calendar = createWorkingCalendar();
  const before = new Date("2026-09-30T01:00:00.000Z"); // 09:00 in Lanzhou, the eve of National Day

  it("counts a gas hazard's 3 working days across National Day onto the make-up Saturday", () => {
    const kase = makeCase({ category: "gas", type: "general_hazard" });
    expect(deadlineFor(defaultDeadlineRules, kase, "handling", before, calendar)?.toISOString()).toBe(
      "2026-10-10T09:30:00.000Z",
    );
  });

  it("counts 2 working hours of a major hazard's triage inside office hours", () => {
    const late = new Date("2026-09-30T08:00:00.000Z"); // 16:00, 1.5 working hours left that day
    const kase = makeCase({ type: "major_hazard" });
    expect(deadlineFor(defaultDeadlineRules, kase, "reported", late, calendar)?.toISOString()).toBe(
      "2026-10-08T01:30:00.000Z",
    );
  });
});

describe("deadlineStatus", () => {
  const due = new Date("2026-11-10T08:00:00.000Z");
  const at = (iso: string) => new Date(iso);

  it("is on time, due soon, or overdue", () => {
    expect(deadlineStatus(due, at("2026-11-10T02:00:00.000Z"), 4)).toBe("on_time");
    expect(deadlineStatus(due, at("2026-11-10T04:00:00.000Z"), 4)).toBe("due_soon");
    expect(deadlineStatus(due.toISOString(), at("2026-11-10T08:00:00.000Z"), 4)).toBe("due_soon");
    expect(deadlineStatus(due, at("2026-11-10T08:00:00.001Z"), 4)).toBe("overdue");
    expect(deadlineStatus(null, at("2030-01-01T00:00:00.000Z"))).toBe("on_time");
  });
});
