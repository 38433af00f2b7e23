import { describe, expect, it } from "vitest";
import { schemeInput } from "../../../../domain/assessment/scheme-schemas";
import { toSchemeInput, weightSum } from "./scheme-values";

describe("scheme editor values (R23)", () => {
  const values = {
    name: "网格员月度考核",
    regionCode: "620123",
    level: "grid_worker" as const,
    indicators: [
      {
        indicatorId: "valid_reports",
        weight: 60,
        rule: { kind: "linear" as const, floor: 0, target: 5, perEvent: 9 },
      },
      {
        indicatorId: "overdue_cases",
        weight: 20.5,
        rule: {
          kind: "threshold" as const,
          direction: "lower" as const,
          steps: [{ bound: 0, percent: 100 }, { bound: 2 }],
        },
      },
      {
        indicatorId: "rework_rate",
        weight: 0.5,
        rule: { kind: "deduction" as const, perEvent: 2, floor: 1 },
      },
    ],
    manualItems: [{ zh: "工作作风", maxPoints: 19 }],
  };

  it("adds the weights and the manual items' points (to two decimals)", () => {
    expect(weightSum(values)).toBe(100);
    expect(weightSum({ ...values, manualItems: [] })).toBe(81);
    expect(weightSum(undefined)).toBe(0);
  });

  it("sends only the fields of the chosen rule, so the server's strict schema accepts it", () => {
    const input = toSchemeInput(values);
    expect(input.indicators.map((i) => i.rule)).toEqual([
      { kind: "linear", floor: 0, target: 5 },
      {
        kind: "threshold",
        direction: "lower",
        steps: [
          { bound: 0, percent: 100 },
          { bound: 2, percent: 0 },
        ],
      },
      { kind: "deduction", perEvent: 2 },
    ]);
    expect(input.manualItems).toEqual([{ id: "item_1", zh: "工作作风", maxPoints: 19 }]);
    expect(schemeInput.safeParse(input).success).toBe(true);
  });
});
