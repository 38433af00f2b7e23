import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { RiskLevel, SiteKind } from "./site-kinds";
import {
  gridWorkload,
  staffingCapacity,
  staffingStatus,
  suggestSplit,
  type WorkloadWeights,
} from "./workload";

const fixture: { riskLevel: RiskLevel | null; kind: SiteKind }[] = [
  { riskLevel: "red", kind: "enterprise" }, // 52/12 patrols × 1.5 h = 6.5 h
  { riskLevel: "orange", kind: "enterprise" }, // 26/12 × 1.5 = 3.25 h
  { riskLevel: "yellow", kind: "small_shop" }, // 1 × 0.5
  { riskLevel: "yellow", kind: "small_shop" }, // 1 × 0.5
  { riskLevel: "blue", kind: "household" }, // 1/3 × 0.25
  { riskLevel: null, kind: "small_workshop" }, // unrated → yellow: 1 × 1
];

describe("gridWorkload", () => {
  it("counts a grouped entry (kind, risk level, count) as that many sites", () => {
    const grouped = [
      { riskLevel: "red" as const, kind: "enterprise" as const, count: 1 },
      { riskLevel: "yellow" as const, kind: "small_shop" as const, count: 2 },
      { riskLevel: null, kind: "small_workshop" as const, count: 1 },
    ];
    const one = fixture.filter((s) => s.riskLevel !== "orange" && s.riskLevel !== "blue");
    expect(gridWorkload(grouped)).toEqual(gridWorkload(one));
    expect(gridWorkload([{ riskLevel: "blue", kind: "household", count: 30_000 }]).byRisk.blue.sites).toBe(
      30_000,
    );
  });

  it("sums patrol hours and patrols per month by risk level", () => {
    const w = gridWorkload(fixture);
    expect(w.score).toBe(11.83);
    expect(w.patrolsPerMonth).toBe(9.83);
    expect(w.byRisk).toEqual({
      red: { sites: 1, patrolsPerMonth: 4.33, score: 6.5 },
      orange: { sites: 1, patrolsPerMonth: 2.17, score: 3.25 },
      yellow: { sites: 3, patrolsPerMonth: 3, score: 2 },
      blue: { sites: 1, patrolsPerMonth: 0.33, score: 0.08 },
    });
  });

  it("uses the weights it is given", () => {
    const flat: WorkloadWeights = {
      patrolsPerMonth: { red: 1, orange: 1, yellow: 1, blue: 1 },
      hoursPerPatrol: {
        enterprise: 1,
        small_shop: 1,
        small_workshop: 1,
        small_entertainment: 1,
        household: 1,
        other: 1,
      },
      unratedAs: "blue",
    };
    const w = gridWorkload(fixture, flat);
    expect(w.score).toBe(6);
    expect(w.byRisk.blue.sites).toBe(2);
  });

  it("is zero for an empty grid", () => {
    expect(gridWorkload([])).toMatchObject({ score: 0, patrolsPerMonth: 0 });
  });
});

describe("staffingCapacity", () => {
  it("counts part-time workers as a fraction of a full-time one", () => {
    const workers = [{ fullTime: true }, { fullTime: true }, { fullTime: false }];
    expect(staffingCapacity(workers)).toEqual({ fullTime: 2, partTime: 1, fte: 2.5, hoursPerMonth: 200 });
    expect(staffingCapacity(workers, 0.25)).toMatchObject({ fte: 2.25, hoursPerMonth: 180 });
    expect(staffingCapacity(workers, 0.5, 100).hoursPerMonth).toBe(250);
    expect(staffingCapacity([])).toEqual({ fullTime: 0, partTime: 0, fte: 0, hoursPerMonth: 0 });
  });

  it("rejects a fraction outside 0–1", () => {
    expect(() => staffingCapacity([], 1.5)).toThrow(AppError);
    expect(() => staffingCapacity([], Number.NaN)).toThrow(AppError);
    expect(() => staffingCapacity([], 0.5, 0)).toThrow(AppError);
  });
});

describe("staffingStatus and suggestSplit", () => {
  const cap = (hoursPerMonth: number) => ({ hoursPerMonth });

  it("classifies the load ratio with inclusive thresholds", () => {
    expect(staffingStatus({ score: 11.83 }, cap(40))).toEqual({ status: "under", ratio: 0.3 });
    expect(staffingStatus({ score: 40 }, cap(80))).toEqual({ status: "balanced", ratio: 0.5 });
    expect(staffingStatus({ score: 80 }, cap(80))).toEqual({ status: "balanced", ratio: 1 });
    expect(staffingStatus({ score: 100 }, cap(80))).toEqual({ status: "over", ratio: 1.25 });
    expect(staffingStatus({ score: 100 }, cap(80), { low: 0.2, high: 1.5 }).status).toBe("balanced");
  });

  it("treats a grid without workers as overloaded unless it has no work", () => {
    expect(staffingStatus({ score: 5 }, cap(0))).toEqual({ status: "over", ratio: Number.POSITIVE_INFINITY });
    expect(staffingStatus({ score: 0 }, cap(0))).toEqual({ status: "balanced", ratio: 0 });
  });

  it("suggests how many grids an overloaded grid should become", () => {
    expect(suggestSplit({ score: 60 }, cap(80))).toBe(1);
    expect(suggestSplit({ score: 80 }, cap(80))).toBe(1);
    expect(suggestSplit({ score: 160 }, cap(80))).toBe(2);
    expect(suggestSplit({ score: 250 }, cap(80))).toBe(4);
    expect(suggestSplit({ score: 160 }, cap(80), { low: 0.5, high: 0.8 })).toBe(3);
    expect(suggestSplit({ score: 100 }, cap(0))).toBe(2);
    expect(suggestSplit({ score: 0 }, cap(0))).toBe(1);
  });

  it("works end to end on a known grid", () => {
    const sites = Array.from({ length: 30 }, (_, i) => ({
      riskLevel: (["red", "orange", "yellow"] as const)[i % 3],
      kind: "enterprise" as const,
    }));
    // 10 × (4.333 + 2.167 + 1) patrols × 1.5 h = 112.5 h
    const load = gridWorkload(sites);
    expect(load.score).toBe(112.5);
    const one = staffingCapacity([{ fullTime: true }]);
    expect(staffingStatus(load, one)).toEqual({ status: "over", ratio: 1.41 });
    expect(suggestSplit(load, one)).toBe(2);
  });
});
