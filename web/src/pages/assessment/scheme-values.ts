import type { SchemeInput, ScoringRule, SubjectLevel } from "../../api/assessment";

/** The scheme editor's form values and how they become the API's scheme (R23), kept pure for tests. */
export type RuleKind = ScoringRule["kind"];

export interface IndicatorRow {
  indicatorId?: string;
  weight?: number;
  rule: {
    kind: RuleKind;
    floor?: number;
    target?: number;
    direction?: "higher" | "lower";
    steps?: { bound?: number; percent?: number }[];
    perEvent?: number;
    max?: number;
  };
}
export interface SchemeValues {
  name: string;
  regionCode: string;
  level: SubjectLevel;
  indicators: IndicatorRow[];
  manualItems: { zh?: string; maxPoints?: number }[];
}

/** The sum of the weights and the manual items' points (must be 100). */
export const weightSum = (v: Partial<SchemeValues> | undefined) =>
  Math.round(
    ((v?.indicators ?? []).reduce((t, i) => t + (i?.weight ?? 0), 0) +
      (v?.manualItems ?? []).reduce((t, m) => t + (m?.maxPoints ?? 0), 0)) *
      100,
  ) / 100;

export function ruleOf(r: IndicatorRow["rule"]): ScoringRule {
  if (r.kind === "linear") return { kind: "linear", floor: r.floor ?? 0, target: r.target ?? 0 };
  if (r.kind === "threshold")
    return {
      kind: "threshold",
      direction: r.direction ?? "higher",
      steps: (r.steps ?? []).map((s) => ({ bound: s.bound ?? 0, percent: s.percent ?? 0 })),
    };
  return r.max
    ? { kind: "deduction", perEvent: r.perEvent ?? 0, max: r.max }
    : { kind: "deduction", perEvent: r.perEvent ?? 0 };
}

export const toSchemeInput = (v: SchemeValues): SchemeInput => ({
  name: v.name,
  regionCode: v.regionCode,
  level: v.level,
  indicators: (v.indicators ?? []).map((i) => ({
    indicatorId: i.indicatorId ?? "",
    weight: i.weight ?? 0,
    rule: ruleOf(i.rule),
  })),
  manualItems: (v.manualItems ?? []).map((m, n) => ({
    id: `item_${n + 1}`,
    zh: m.zh ?? "",
    maxPoints: m.maxPoints ?? 0,
  })),
});

/** Puts the server's 422 on the scheme's fields: zod issues by path, the weight sum on every weight. */
