import type { Label } from "./indicator";

/**
 * Scoring rules (issue 13.4): how an indicator's value becomes points out of its weight.
 * - linear: 0 at the floor, the full weight at the target, straight in between (a floor above the target
 *   scores "lower is better", e.g. a rework rate);
 * - threshold: steps, each a bound and the percent of the weight it earns; the best step reached counts
 *   (direction "higher": value ≥ bound; "lower": value ≤ bound);
 * - deduction: the full weight less `perEvent` points for each event counted (at most `max`, never below 0).
 */
export type ScoringRule =
  | { kind: "linear"; floor: number; target: number }
  | { kind: "threshold"; direction: "higher" | "lower"; steps: { bound: number; percent: number }[] }
  | { kind: "deduction"; perEvent: number; max?: number };

export interface RuleScore {
  points: number;
  explain: Label;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function scoreByRule(rule: ScoringRule, weight: number, value: number): RuleScore {
  switch (rule.kind) {
    case "linear": {
      const { floor, target } = rule;
      const frac = clamp01((value - floor) / (target - floor));
      const points = round2(weight * frac);
      return {
        points,
        explain: {
          zh: `线性：下限 ${floor} 得 0 分，目标 ${target} 得满分 ${weight}；实际 ${value} → ${points} 分`,
          en: `Linear: ${floor} scores 0, target ${target} scores ${weight}; actual ${value} → ${points}`,
        },
      };
    }
    case "threshold": {
      const reached = rule.steps.filter((s) =>
        rule.direction === "higher" ? value >= s.bound : value <= s.bound,
      );
      const percent = reached.reduce((m, s) => Math.max(m, s.percent), 0);
      const points = round2((weight * percent) / 100);
      const sign = rule.direction === "higher" ? "≥" : "≤";
      const steps = rule.steps.map((s) => `${sign}${s.bound}:${s.percent}%`).join("，");
      return {
        points,
        explain: {
          zh: `分档（${steps}）；实际 ${value} → ${percent}% × ${weight} = ${points} 分`,
          en: `Steps (${steps}); actual ${value} → ${percent}% × ${weight} = ${points}`,
        },
      };
    }
    case "deduction": {
      const cap = rule.max ?? weight;
      const off = Math.min(cap, rule.perEvent * value, weight);
      const points = round2(weight - off);
      return {
        points,
        explain: {
          zh: `扣分：每件扣 ${rule.perEvent} 分（最多扣 ${cap} 分）；${value} 件 → 扣 ${round2(off)}，得 ${points} 分`,
          en: `Deduction: ${rule.perEvent} per event (at most ${cap}); ${value} events → −${round2(off)}, ${points}`,
        },
      };
    }
  }
}
