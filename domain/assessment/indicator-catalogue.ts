import { patrolCoverage, siteCoverage } from "./coverage-indicators";
import {
  type CaseFact,
  caseRef,
  type IndicatorDef,
  inPeriod,
  type Label,
  type Period,
  type RecordRef,
  rate,
} from "./indicator";
import { trainingHoursMet } from "./training-indicators";

/**
 * The indicators the assessment can score until the dashboards' catalogue (issue 13.2) lands; each is one
 * pure function over a subject's facts (domain/assessment/indicator.ts). Definitions follow the 数字城管
 * evaluation indicators (CJ/T 292) as far as this system records them.
 */
const noClosed: Label = { zh: "本期无结案案件", en: "No case closed in the period" };

/** A case closed in the period (merged cases are closed into another and do not count). */
const closedIn = (c: CaseFact, p: Period) =>
  c.stage === "closed" && c.mergedInto === null && inPeriod(c.closedAt, p);
/** A valid report: the case was confirmed (triaged onwards), not rejected, not merged into another. */
export const isValidReport = (c: CaseFact) =>
  c.stage !== "reported" && c.stage !== "rejected" && c.mergedInto === null;

const onTimeDisposal: IndicatorDef = {
  id: "on_time_disposal",
  zh: "按期处置率",
  en: "Disposed on time",
  unit: "percent",
  higherIsBetter: true,
  formula: {
    zh: "按期处置率 = 本期结案且从未超期的案件数 ÷ 本期结案案件数 × 100%（合并案件不计）",
    en: "Cases closed in the period that were never overdue ÷ cases closed in the period × 100% (merged cases excluded)",
  },
  levels: ["township", "department", "grid_worker"],
  compute(f, p) {
    const closed = f.handled.filter((c) => closedIn(c, p));
    return rate(closed.filter((c) => c.deadlineState !== "overdue").map(caseRef), closed.length, noClosed);
  },
};

const validReports: IndicatorDef = {
  id: "valid_reports",
  zh: "有效上报数",
  en: "Valid reports",
  unit: "count",
  higherIsBetter: true,
  formula: {
    zh: "有效上报数 = 本期上报且已受理确认的案件数（不予受理、被合并的不计）",
    en: "Cases reported in the period and confirmed (rejected and merged cases do not count)",
  },
  levels: ["grid_worker", "township", "department"],
  compute(f, p) {
    const records = f.reported.filter((c) => inPeriod(c.reportedAt, p) && isValidReport(c)).map(caseRef);
    return { available: true, value: records.length, records };
  },
};

const trainingAttendance: IndicatorDef = {
  id: "training_attendance",
  zh: "培训参与率",
  en: "Training attendance",
  unit: "percent",
  higherIsBetter: true,
  formula: {
    zh: "培训参与率 = 本期签到人次 ÷（本期面向其区划的培训场次 × 应参训人数）× 100%",
    en: "Check-ins in the period ÷ (sessions held for the subject's region × people expected) × 100%",
  },
  levels: ["grid_worker", "township"],
  compute(f, p) {
    const held = f.trainings.filter((t) => inPeriod(t.startsAt, p));
    const ids = new Set(held.map((t) => t.id));
    const title = new Map(held.map((t) => [t.id, t.title]));
    const records: RecordRef[] = f.attendances
      .filter((a) => ids.has(a.trainingId))
      .map((a) => ({ kind: "attendance", id: a.id, label: title.get(a.trainingId) ?? a.trainingId }));
    return rate(records, held.length * f.people, { zh: "本期无培训", en: "No training in the period" });
  },
};

const overdueCases: IndicatorDef = {
  id: "overdue_cases",
  zh: "超期案件数",
  en: "Overdue cases",
  unit: "count",
  higherIsBetter: false,
  formula: {
    zh: "超期案件数 = 期末前上报、期内未结或期内结案，且处置超过时限的案件数",
    en: "Cases reported before the period's end, open in it or closed in it, that went past their deadline",
  },
  levels: ["township", "department", "grid_worker"],
  compute(f, p) {
    const records = f.handled
      .filter(
        (c) =>
          c.deadlineState === "overdue" &&
          c.reportedAt < p.to &&
          c.mergedInto === null &&
          (c.closedAt === null || c.closedAt >= p.from),
      )
      .map(caseRef);
    return { available: true, value: records.length, records };
  },
};

const reworkRate: IndicatorDef = {
  id: "rework_rate",
  zh: "返工率",
  en: "Rework rate",
  unit: "percent",
  higherIsBetter: false,
  formula: {
    zh: "返工率 = 本期结案案件中复查不通过返工过的案件数 ÷ 本期结案案件数 × 100%",
    en: "Cases closed in the period that were sent back for rework ÷ cases closed in the period × 100%",
  },
  levels: ["township", "department"],
  compute(f, p) {
    const closed = f.handled.filter((c) => closedIn(c, p));
    return rate(closed.filter((c) => c.reworkCount > 0).map(caseRef), closed.length, noClosed);
  },
};

export const indicatorCatalogue: readonly IndicatorDef[] = [
  onTimeDisposal,
  validReports,
  patrolCoverage,
  siteCoverage,
  trainingAttendance,
  trainingHoursMet,
  overdueCases,
  reworkRate,
];
export const indicatorById = new Map(indicatorCatalogue.map((i) => [i.id, i]));
