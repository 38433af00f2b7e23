import { AppError } from "../errors";
import type { Label, Period, RecordRef, SubjectFacts, SubjectLevel } from "./indicator";
import { indicatorById } from "./indicator-catalogue";
import type { SchemeDefinition } from "./scheme-schemas";
import { type ScoringRule, scoreByRule } from "./scoring-rules";

/** One scored indicator of one subject: its value, the rule's explanation and the records behind it. */
export interface ItemScore {
  indicatorId: string;
  zh: string;
  en: string;
  formula: Label;
  weight: number;
  rule: ScoringRule;
  available: boolean;
  value: number | null;
  numerator?: number;
  denominator?: number;
  points: number | null;
  explain: Label;
  records: RecordRef[];
}
export interface ManualScore {
  id: string;
  zh: string;
  maxPoints: number;
  points: number | null;
  evidence: string | null;
  evidenceIds: string[];
  by: string | null;
  at: string | null;
}
export interface Breakdown {
  items: ItemScore[];
  manual: ManualScore[];
}
export interface AssessedSubject {
  type: SubjectLevel;
  id: string;
  name: string;
  regionCode: string;
  facts: SubjectFacts;
}
export interface SubjectResult {
  subjectType: SubjectLevel;
  subjectId: string;
  subjectName: string;
  regionCode: string;
  breakdown: Breakdown;
  computedScore: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The score out of 100: the points of the available indicators and the manual items, over the weight
 * they stand for (an unavailable indicator is left out and the rest scaled up to 100, never scored 0).
 * A manual item not yet scored counts as 0 until scored (review refuses while any is open).
 */
export function totalOf(b: Breakdown): number {
  const got = b.items.filter((i) => i.available);
  const weight = got.reduce((t, i) => t + i.weight, 0) + b.manual.reduce((t, m) => t + m.maxPoints, 0);
  if (weight === 0) return 0;
  const points =
    got.reduce((t, i) => t + (i.points ?? 0), 0) + b.manual.reduce((t, m) => t + (m.points ?? 0), 0);
  return round2((points / weight) * 100);
}

export function scoreSubject(def: SchemeDefinition, subject: AssessedSubject, period: Period): SubjectResult {
  const items: ItemScore[] = def.indicators.map((si) => {
    const ind = indicatorById.get(si.indicatorId);
    if (!ind)
      throw new AppError("unknown_indicator", {
        status: 422,
        zh: `考核方案引用了不存在的指标：${si.indicatorId}，未生成考核结果`,
        en: `The scheme refers to an unknown indicator: ${si.indicatorId}; nothing was computed`,
        details: { indicatorId: si.indicatorId },
      });
    const v = ind.compute(subject.facts, period);
    const base = {
      indicatorId: ind.id,
      zh: ind.zh,
      en: ind.en,
      formula: ind.formula,
      weight: si.weight,
      rule: si.rule,
    };
    if (!v.available)
      return { ...base, available: false, value: null, points: null, explain: v.reason, records: [] };
    const s = scoreByRule(si.rule, si.weight, v.value);
    return {
      ...base,
      available: true,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      points: s.points,
      explain: s.explain,
      records: v.records,
    };
  });
  const manual: ManualScore[] = def.manualItems.map((m) => ({
    ...m,
    points: null,
    evidence: null,
    evidenceIds: [],
    by: null,
    at: null,
  }));
  const breakdown = { items, manual };
  return {
    subjectType: subject.type,
    subjectId: subject.id,
    subjectName: subject.name,
    regionCode: subject.regionCode,
    breakdown,
    computedScore: totalOf(breakdown),
  };
}

/**
 * Scores every subject. Refuses a run with nothing to assess (422 `assessment_no_subjects`) or no data at all
 * in the period — every indicator of every subject unavailable and nothing counted (422 `assessment_no_data`).
 */
export function runAssessment(
  def: SchemeDefinition,
  subjects: AssessedSubject[],
  period: Period,
): SubjectResult[] {
  if (subjects.length === 0)
    throw new AppError("assessment_no_subjects", {
      status: 422,
      zh: "该区划内没有可考核的对象",
      en: "There is nobody to assess in this region",
    });
  const results = subjects.map((s) => scoreSubject(def, s, period));
  const anyData = results.some((r) =>
    r.breakdown.items.some((i) => i.available && (i.denominator !== undefined || i.records.length > 0)),
  );
  if (!anyData && def.indicators.length > 0)
    throw new AppError("assessment_no_data", {
      status: 422,
      zh: "该期没有可计算的数据（没有案件、巡查或培训记录），未生成考核结果",
      en: "No data in this period (no cases, patrols or training); nothing was computed",
    });
  return results;
}

/** Ranks by final score, highest first; equal scores share a rank (1, 2, 2, 4). */
export function rankScores<T extends { finalScore: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.finalScore - a.finalScore);
  return sorted.map((r, n) => ({
    ...r,
    rank:
      n > 0 && sorted[n - 1].finalScore === r.finalScore
        ? sorted.findIndex((x) => x.finalScore === r.finalScore) + 1
        : n + 1,
  }));
}

export const finalScoreOf = (computed: number, adjustment: number) =>
  round2(Math.min(100, Math.max(0, computed + adjustment)));
