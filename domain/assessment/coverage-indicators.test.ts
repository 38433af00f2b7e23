import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patrolDaysOf } from "../patrol/patrol-days";
import { defaultPatrolPlan } from "../patrol/patrol-plan";
import {
  owedPatrolPeriods,
  patrolCoverage,
  patrolPlanCounts,
  patrolsFrom,
  siteCoverage,
} from "./coverage-indicators";
import type { PatrolFact, SiteFact, SubjectFacts } from "./indicator";
import { indicatorById } from "./indicator-catalogue";

/** November 2026 in Shanghai: [2026-11-01 00:00 +08:00, 2026-12-01 00:00 +08:00). */
const november = { from: "2026-10-31T16:00:00.000Z", to: "2026-11-30T16:00:00.000Z" };

const site = (id: string, over: Partial<SiteFact> = {}): SiteFact => ({
  id,
  name: `场所${id}`,
  gridId: "g1",
  kind: "enterprise",
  riskLevel: "yellow",
  createdAt: "2026-01-01T00:00:00.000Z",
  direct: false,
  ...over,
});
/** A check-in received at a Shanghai wall-clock time. */
const patrol = (id: string, siteId: string, shanghai: string): PatrolFact => ({
  id,
  siteId,
  userId: "w1",
  receivedAt: new Date(`${shanghai}+08:00`).toISOString(),
});

/**
 * The default plan (red weekly, orange fortnightly, yellow and unrated monthly, blue quarterly, households
 * yearly). Owed in November 2026, by hand:
 * - A red, weekly: the weeks whose Sunday is in November — Oct 26–Nov 1, Nov 2–8, 9–15, 16–22, 23–29 = 5;
 *   check-ins Oct 27 (in the first week, received in October), Nov 3 and Nov 4 (one week), Nov 18 → 3 met.
 * - B yellow, monthly: November = 1; check-in Nov 30 10:00 → met.
 * - C blue, quarterly: Oct–Dec ends Dec 31 → nothing owed in November.
 * - D household (red, but the kind's override is yearly): ends Dec 31 → nothing owed.
 * - E orange, fortnightly (Mondays counted from 1970-01-05): Oct 26–Nov 8 and Nov 9–22 = 2; check-in
 *   Nov 21 23:30 meets the second; Nov 23 01:00 (Nov 22 17:00 UTC) belongs to Nov 23–Dec 6 → 1 met.
 * - F yellow, registered Nov 10, after its month began → nothing owed yet.
 * - G red under direct supervision → not patrolled by grid workers, left out.
 * - H unrated (monthly), outside every grid, never patrolled → 1 owed, missed.
 * Owed 5 + 1 + 2 + 1 = 9, met 3 + 1 + 1 = 5 → 5 ÷ 9 = 55.56 %.
 */
const sites = [
  site("A", { riskLevel: "red" }),
  site("B"),
  site("C", { riskLevel: "blue" }),
  site("D", { kind: "household", riskLevel: "red" }),
  site("E", { riskLevel: "orange" }),
  site("F", { createdAt: "2026-11-10T02:00:00.000Z" }),
  site("G", { riskLevel: "red", direct: true, gridId: null }),
  site("H", { riskLevel: null, gridId: null }),
];
const patrols = [
  patrol("p1", "A", "2026-10-27T09:00:00"),
  patrol("p2", "A", "2026-11-03T09:00:00"),
  patrol("p3", "A", "2026-11-04T09:00:00"),
  patrol("p4", "A", "2026-11-18T09:00:00"),
  patrol("p5", "B", "2026-11-30T10:00:00"),
  patrol("p6", "E", "2026-11-21T23:30:00"),
  patrol("p7", "E", "2026-11-23T01:00:00"),
  patrol("p8", "C", "2026-11-05T09:00:00"),
];
const facts = (over: Partial<SubjectFacts> = {}): SubjectFacts => ({
  reported: [],
  handled: [],
  patrols,
  sites,
  trainings: [],
  attendances: [],
  people: 1,
  trainingYear: null,
  patrolPlan: defaultPatrolPlan,
  ...over,
});

describe("patrol plan coverage", () => {
  it("owes each site the plan periods whose last day is in the month, met by a check-in inside them", () => {
    const owed = owedPatrolPeriods(sites, patrols, defaultPatrolPlan, november);
    const table = owed.map((o) => `${o.site.id} ${o.dueBy} ${o.metBy?.id ?? "-"}`);
    expect(table).toEqual([
      "A 2026-11-01 p1",
      "A 2026-11-08 p2",
      "A 2026-11-15 -",
      "A 2026-11-22 p4",
      "A 2026-11-29 -",
      "B 2026-11-30 p5",
      "E 2026-11-08 -",
      "E 2026-11-22 p6",
      "H 2026-11-30 -",
    ]);
  });

  it("is 5 met ÷ 9 owed = 55.56 %, the met periods' check-ins as its records", () => {
    const v = patrolCoverage.compute(facts(), november);
    expect(v).toMatchObject({ available: true, value: 55.56, numerator: 5, denominator: 9 });
    if (!v.available) throw new Error("unavailable");
    expect(v.records.map((r) => `${r.kind}:${r.id}`)).toEqual([
      "patrol:p1",
      "patrol:p2",
      "patrol:p4",
      "patrol:p5",
      "patrol:p6",
    ]);
    expect(v.records[0].label).toBe("场所A · 2026-11-01");
  });

  it("follows the county's own plan: all monthly makes A, C, D, E, H owe one month each", () => {
    const monthly = {
      byRisk: { red: "monthly", orange: "monthly", yellow: "monthly", blue: "monthly" },
      unrated: "monthly",
      byKind: {},
    } as const;
    // A (p2), B (p5), C (p8), D (never), E (p6), H (never): 4 of 6
    const v = patrolCoverage.compute(facts({ patrolPlan: monthly }), november);
    expect(v).toMatchObject({ available: true, value: 66.67, numerator: 4, denominator: 6 });
  });

  it("is unavailable, not 0, when nothing is owed or no plan applies", () => {
    const quarterlyOnly = facts({ sites: [site("C", { riskLevel: "blue" })], patrols: [] });
    expect(patrolCoverage.compute(quarterlyOnly, november)).toMatchObject({ available: false });
    expect(patrolCoverage.compute(facts({ sites: [] }), november)).toMatchObject({ available: false });
    expect(patrolCoverage.compute(facts({ patrolPlan: null }), november)).toMatchObject({ available: false });
    // owed but never patrolled is a measured 0
    const none = patrolCoverage.compute(facts({ patrols: [] }), november);
    expect(none).toMatchObject({ available: true, value: 0, numerator: 0, denominator: 9 });
  });
});

/** Each site's patrolled days (what the dashboard reads from patrol_day). */
const daysOf = (ps: PatrolFact[]) => patrolDaysOf(ps);

describe("patrol plan counts (the dashboard's figure)", () => {
  it("counts the fixture's 9 owed periods and 5 met, as owedPatrolPeriods lists them", () => {
    expect(patrolPlanCounts(sites, daysOf(patrols), defaultPatrolPlan, november)).toEqual({
      owed: 9,
      met: 5,
    });
  });

  it("agrees with owedPatrolPeriods for random sites, check-ins and months", () => {
    const risk = fc.constantFrom("red", "orange", "yellow", "blue", null);
    const kind = fc.constantFrom("enterprise", "small_venue", "household");
    const day = fc.integer({ min: 0, max: 500 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000));
    fc.assert(
      fc.property(
        fc.array(fc.record({ risk, kind, created: day, direct: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.record({ site: fc.nat(7), at: day, minute: fc.nat(1439) }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 15 }),
        (ss, ps, month) => {
          const facts = ss.map((x, i) =>
            site(`s${i}`, {
              riskLevel: x.risk,
              kind: x.kind,
              createdAt: x.created.toISOString(),
              direct: x.direct,
            }),
          );
          const visits = ps
            .filter((x) => x.site < facts.length)
            .map((x, i) => ({
              id: `p${i}`,
              siteId: `s${x.site}`,
              userId: "w1",
              receivedAt: new Date(x.at.getTime() + x.minute * 60_000).toISOString(),
            }));
          const p = {
            from: new Date(Date.UTC(2026, month, 1) - 8 * 3_600_000).toISOString(),
            to: new Date(Date.UTC(2026, month + 1, 1) - 8 * 3_600_000).toISOString(),
          };
          const owed = owedPatrolPeriods(facts, visits, defaultPatrolPlan, p);
          expect(patrolPlanCounts(facts, daysOf(visits), defaultPatrolPlan, p)).toEqual({
            owed: owed.length,
            met: owed.filter((o) => o.metBy).length,
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the check-ins a period's owed patrol periods need", () => {
  it("reach back to the Monday before November, the year's start for December, a fortnight before January", () => {
    // November 2026: its weeks, fortnights and month end in it; its quarter and year end in December. The
    // week holding Sunday Nov 1 began Monday Oct 26 (the fortnight, counted from 1970-01-05, too: Oct 26 is
    // 20 748 days = 1 482 fortnights after it)
    expect(patrolsFrom(november)).toBe("2026-10-25T16:00:00.000Z");
    // December: the year (and the half-year, the quarter) end in it, so patrols from Jan 1 count
    const december = { from: "2026-11-30T16:00:00.000Z", to: "2026-12-31T16:00:00.000Z" };
    expect(patrolsFrom(december)).toBe("2025-12-31T16:00:00.000Z");
    // January 2027 starts on a Friday. Its week began Monday Dec 28; fortnights count from Monday
    // 1970-01-05 and Dec 28 is 20 811 days = 1 486 fortnights + 7 days after it, so the fortnight holding
    // Jan 1 began Monday Dec 21 2026 (Shanghai midnight = Dec 20 16:00 UTC), before the year's start
    const january = { from: "2026-12-31T16:00:00.000Z", to: "2027-01-31T16:00:00.000Z" };
    expect(patrolsFrom(january)).toBe("2026-12-20T16:00:00.000Z");
    // a check-in on Dec 22 meets an orange site's fortnight Dec 21 – Jan 3, which ends in January
    const dec22 = patrol("x", "E", "2026-12-22T09:00:00");
    expect(dec22.receivedAt >= patrolsFrom(january)).toBe(true);
    const owed = owedPatrolPeriods([site("E", { riskLevel: "orange" })], [dec22], defaultPatrolPlan, january);
    expect(owed.map((o) => `${o.dueBy} ${o.metBy?.id ?? "-"}`)).toEqual([
      "2027-01-03 x",
      "2027-01-17 -",
      "2027-01-31 -",
    ]);
  });
});

describe("site coverage (入格率)", () => {
  it("is the register's sites in a grid ÷ its sites under grid supervision (G direct, left out): 6 of 7", () => {
    const v = siteCoverage.compute(facts(), november);
    expect(v).toMatchObject({ available: true, value: 85.71, numerator: 6, denominator: 7 });
    if (!v.available) throw new Error("unavailable");
    expect(v.records.map((r) => r.id)).toEqual(["A", "B", "C", "D", "E", "F"]);
  });

  it("is unavailable without registered sites", () => {
    expect(siteCoverage.compute(facts({ sites: [] }), november)).toMatchObject({ available: false });
  });

  it("both are in the catalogue the schemes and runs read, with their written formulas", () => {
    expect(indicatorById.get("patrol_coverage")).toBe(patrolCoverage);
    expect(indicatorById.get("site_coverage")?.levels).toEqual(["township"]);
    expect(patrolCoverage.formula.zh).toContain("应巡查周期");
  });
});
