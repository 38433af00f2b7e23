import { describe, expect, it } from "vitest";
import { rankScores, totalOf } from "./assessment-engine";
import { checkScheme } from "./scheme-schemas";
import { type ScoringRule as ScoringRuleT, scoreByRule } from "./scoring-rules";

describe("scoring rules", () => {
  it("linear: 0 at the floor, the weight at the target, straight between, clamped", () => {
    const r = { kind: "linear", floor: 60, target: 100 } as ScoringRuleT;
    expect(scoreByRule(r, 20, 80).points).toBe(10);
    expect(scoreByRule(r, 20, 50).points).toBe(0);
    expect(scoreByRule(r, 20, 120).points).toBe(20);
    // lower is better: a floor above the target (rework 20% scores 0, 0% full)
    expect(scoreByRule({ kind: "linear", floor: 20, target: 0 }, 10, 5).points).toBe(7.5);
  });
  it("threshold: the best step reached", () => {
    const r = {
      kind: "threshold",
      direction: "higher",
      steps: [
        { bound: 1, percent: 50 },
        { bound: 3, percent: 100 },
      ],
    } as ScoringRuleT;
    expect(scoreByRule(r, 30, 0).points).toBe(0);
    expect(scoreByRule(r, 30, 2).points).toBe(15);
    expect(scoreByRule(r, 30, 3).points).toBe(30);
    const low = {
      kind: "threshold",
      direction: "lower",
      steps: [
        { bound: 5, percent: 60 },
        { bound: 0, percent: 100 },
      ],
    } as ScoringRuleT;
    expect(scoreByRule(low, 10, 3).points).toBe(6);
  });
  it("deduction: per event, capped, never below 0", () => {
    expect(scoreByRule({ kind: "deduction", perEvent: 2 }, 10, 3).points).toBe(4);
    expect(scoreByRule({ kind: "deduction", perEvent: 2, max: 5 }, 10, 9).points).toBe(5);
    expect(scoreByRule({ kind: "deduction", perEvent: 4 }, 10, 9).points).toBe(0);
  });
  it("leaves an unavailable indicator out and scales the rest to 100", () => {
    const item = (available: boolean, weight: number, points: number | null) =>
      ({ available, weight, points }) as never;
    const manual = [{ maxPoints: 20, points: 15 }] as never;
    expect(totalOf({ items: [item(true, 60, 60), item(false, 20, null)], manual })).toBe(93.75);
  });
  it("ranks equal scores alike", () => {
    expect(
      rankScores([{ finalScore: 80 }, { finalScore: 90 }, { finalScore: 80 }, { finalScore: 70 }]).map(
        (r) => r.rank,
      ),
    ).toEqual([1, 2, 2, 4]);
  });
  it("refuses weights that do not add up to 100 and unknown indicators", () => {
    const rule = { kind: "linear", floor: 0, target: 1 } as ScoringRuleT;
    expect(() =>
      checkScheme({
        level: "township",
        indicators: [{ indicatorId: "valid_reports", weight: 90, rule }],
        manualItems: [],
      }),
    ).toThrow(/之和须为 100，现为 90/);
    expect(() =>
      checkScheme({
        level: "township",
        indicators: [{ indicatorId: "nope", weight: 100, rule }],
        manualItems: [],
      }),
    ).toThrow(/没有这个指标/);
  });
});
