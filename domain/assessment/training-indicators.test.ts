import { describe, expect, it } from "vitest";
import { type AttendedInYear, requiredHoursFor, trainingYearOf } from "../tasks/training-hours";
import type { SubjectFacts, TrainingYearFacts } from "./indicator";
import { indicatorById } from "./indicator-catalogue";
import { hoursDueBy, trainingHoursMet } from "./training-indicators";

/** A Shanghai month [first day 00:00, next month's first day 00:00) as UTC instants. */
const month = (y: number, m: number) => ({
  from: new Date(`${y}-${String(m).padStart(2, "0")}-01T00:00:00+08:00`).toISOString(),
  to: new Date(
    m === 12 ? `${y + 1}-01-01T00:00:00+08:00` : `${y}-${String(m + 1).padStart(2, "0")}-01T00:00:00+08:00`,
  ).toISOString(),
});

/**
 * Plans for 2026: the county 榆中县 (620123) 16 hours, its township 城关镇 (620123100) 20 hours; none for
 * 620123101; a 2025 county plan of 40 hours (another year). Sessions (Shanghai start, hours counted):
 * s0 2025-12-20 8 h · s1 2026-01-10 4 h · s2 2026-03-15 6 h · s3 2026-06-01 2.5 h · s4 2026-11-20 3 h ·
 * s5 2026-12-05 8 h. Check-ins: 甲 (620123100001) s0–s5 (scores 90 on s1, 80 on s2); 乙 (620123101002)
 * s1, s4; 丙 (620124…, no plan) s2; 丁 (620123100002) none.
 */
const session = {
  s0: ["2025-12-20T09:00:00", 8],
  s1: ["2026-01-10T09:00:00", 4],
  s2: ["2026-03-15T09:00:00", 6],
  s3: ["2026-06-01T09:00:00", 2.5],
  s4: ["2026-11-20T09:00:00", 3],
  s5: ["2026-12-05T09:00:00", 8],
} as const;
type S = keyof typeof session;
const at = (who: string, s: S, score: number | null = null): AttendedInYear => ({
  attendanceId: `${who}-${s}`,
  userId: who,
  trainingId: s,
  title: `培训${s}`,
  startsAt: new Date(`${session[s][0]}+08:00`).toISOString(),
  hours: session[s][1],
  score,
});
const people = [
  { id: "jia", name: "甲", regionCode: "620123100001" },
  { id: "yi", name: "乙", regionCode: "620123101002" },
  { id: "bing", name: "丙", regionCode: "620124100001" },
  { id: "ding", name: "丁", regionCode: "620123100002" },
];
const plans = [
  { regionCode: "620123", year: 2026, plannedHours: 16 },
  { regionCode: "620123100", year: 2026, plannedHours: 20 },
  { regionCode: "620123", year: 2025, plannedHours: 40 },
];
const attended = [
  ...(["s0", "s3", "s4", "s5"] as const).map((s) => at("jia", s)),
  at("jia", "s1", 90),
  at("jia", "s2", 80),
  at("yi", "s1"),
  at("yi", "s4"),
  at("bing", "s2"),
];
const year: TrainingYearFacts = { people, attended, plans };
const facts = (trainingYear: TrainingYearFacts | null): SubjectFacts => ({
  reported: [],
  handled: [],
  patrols: [],
  sites: [],
  patrolPlan: null,
  trainings: [],
  attendances: [],
  people: 0,
  trainingYear,
});

describe("training hours per worker per year", () => {
  it("takes the higher of the plans holding the worker's region, of that year only", () => {
    expect(requiredHoursFor("620123100001", 2026, plans)).toBe(20);
    expect(requiredHoursFor("620123101002", 2026, plans)).toBe(16);
    expect(requiredHoursFor("620124100001", 2026, plans)).toBeNull();
    expect(requiredHoursFor("620123101002", 2025, plans)).toBe(40);
  });

  it("sums the year's sessions per worker: 甲 4 + 6 + 2.5 + 3 + 8 = 23.5 of 20; 乙 4 + 3 = 7 of 16", () => {
    const rows = trainingYearOf(people, attended, plans, 2026);
    expect(rows.map((r) => [r.name, r.hours, r.sessions, r.averageScore, r.requiredHours, r.met])).toEqual([
      // s0 started in 2025: not in 2026's hours; scores 90 and 80 average 85
      ["甲", 23.5, 5, 85, 20, true],
      ["乙", 7, 2, null, 16, false],
      ["丙", 6, 1, null, null, null],
      // no check-in at all is 0 hours, and short of the plan
      ["丁", 0, 0, null, 20, false],
    ]);
  });
});

describe("培训学时达标率", () => {
  it("asks the plan's hours pro rata to the months gone: June 6/12, November 11/12, December all", () => {
    expect(hoursDueBy(20, month(2026, 6))).toBe(10);
    expect(hoursDueBy(16, month(2026, 6))).toBe(8);
    expect(hoursDueBy(20, month(2026, 11))).toBe(18.33);
    expect(hoursDueBy(16, month(2026, 11))).toBe(14.67);
    expect(hoursDueBy(16, month(2026, 12))).toBe(16);
  });

  it("June: 甲 12.5 ≥ 10 met, 乙 4 < 8 not, 丁 0 < 10 not; 丙 has no plan → 1 of 3 = 33.33 %", () => {
    const v = trainingHoursMet.compute(facts(year), month(2026, 6));
    expect(v).toMatchObject({ available: true, value: 33.33, numerator: 1, denominator: 3 });
    if (!v.available) throw new Error("unavailable");
    // the check-ins whose hours were summed, up to June's end (丙's is not counted: no plan)
    expect(v.records.map((r) => r.id)).toEqual(["jia-s3", "jia-s1", "jia-s2", "yi-s1"]);
    expect(v.records[1].label).toBe("甲 · 培训s1（4 学时）");
  });

  it("November: 甲 15.5 < 18.33, 乙 7 < 14.67 → a measured 0 %; December: 甲 23.5 ≥ 20 → 1 of 3", () => {
    expect(trainingHoursMet.compute(facts(year), month(2026, 11))).toMatchObject({
      available: true,
      value: 0,
      numerator: 0,
      denominator: 3,
    });
    expect(trainingHoursMet.compute(facts(year), month(2026, 12))).toMatchObject({
      value: 33.33,
      numerator: 1,
    });
  });

  it("a single worker is met or not: 甲 in June 100 %, 乙 0 %", () => {
    const one = (id: string) => ({ ...year, people: people.filter((p) => p.id === id) });
    expect(trainingHoursMet.compute(facts(one("jia")), month(2026, 6))).toMatchObject({ value: 100 });
    expect(trainingHoursMet.compute(facts(one("yi")), month(2026, 6))).toMatchObject({ value: 0 });
  });

  it("is unavailable, never 0, without a plan for the year or where hours do not apply", () => {
    // 丙 alone: no plan holds 620124
    const bing = { ...year, people: people.filter((p) => p.id === "bing") };
    expect(trainingHoursMet.compute(facts(bing), month(2026, 6))).toMatchObject({ available: false });
    // January 2027: no 2027 plan
    expect(trainingHoursMet.compute(facts(year), month(2027, 1))).toMatchObject({ available: false });
    expect(trainingHoursMet.compute(facts(null), month(2026, 6))).toMatchObject({ available: false });
  });

  it("is in the catalogue for grid workers and townships, its formula written out", () => {
    expect(indicatorById.get("training_hours_met")).toBe(trainingHoursMet);
    expect(trainingHoursMet.levels).toEqual(["grid_worker", "township"]);
    expect(trainingHoursMet.formula.zh.startsWith("培训学时达标率 =")).toBe(true);
    expect(trainingHoursMet.formula.zh).toContain("× 截至期末的月数 ÷ 12");
  });
});
