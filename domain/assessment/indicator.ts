import type { PatrolPlan } from "../patrol/patrol-plan";
import type { AttendedInYear, PlanHours, TrainingPerson } from "../tasks/training-hours";

/**
 * The indicator interface the assessment engine scores (issue 13.4, R23). An indicator is a pure function of
 * the facts of one assessed subject (a township, a grid worker or a department) over a period, with its
 * formula written out for the console. Its answer is a value with the records behind it, or "unavailable"
 * (no denominator, or its data does not exist yet) — never a zero that was not measured.
 *
 * The region dashboards (issue 13.2) keep their own catalogue of indicators in `domain/`; an indicator of
 * theirs fits here through `IndicatorDef` (id, names, formula, compute) with an adapter over these facts.
 */
export type SubjectLevel = "township" | "grid_worker" | "department";
export const subjectLevels = ["township", "grid_worker", "department"] as const;
export const subjectLevelLabel: Record<SubjectLevel, { zh: string; en: string }> = {
  township: { zh: "乡镇（街道）", en: "Townships" },
  grid_worker: { zh: "网格员", en: "Grid workers" },
  department: { zh: "部门", en: "Departments" },
};

/** A half-open period [from, to) of ISO-8601 UTC instants (a month is Shanghai midnight to midnight). */
export interface Period {
  from: string;
  to: string;
}

export interface CaseFact {
  id: string;
  number: string;
  regionCode: string;
  stage: string;
  type: string;
  category: string;
  reporterId: string | null;
  ownerDepartmentId: string;
  mergedInto: string | null;
  reportedAt: string;
  closedAt: string | null;
  deadlineState: string;
  reworkCount: number;
}
export interface PatrolFact {
  id: string;
  siteId: string;
  userId: string;
  receivedAt: string;
}
/** A registered site (not closed) of the subject's grids (a township: of the township, in a grid or not). */
export interface SiteFact {
  id: string;
  name: string;
  gridId: string | null;
  kind: string;
  riskLevel: string | null;
  /** When it was registered (a patrol period that began before it is not owed). */
  createdAt: string;
  /** Under direct supervision of a department (not patrolled by grid workers). */
  direct: boolean;
}
export interface TrainingFact {
  id: string;
  title: string;
  startsAt: string;
  hours: number;
}
export interface AttendanceFact {
  id: string;
  trainingId: string;
  userId: string;
}
/**
 * The training year of a subject's grid workers (a worker: themselves; a township: its grid workers): their
 * check-ins to sessions that started from the start of the period's year to the period's end, and the
 * year's annual plans of their regions (training hours per worker per year, domain/tasks/training-hours.ts).
 */
export interface TrainingYearFacts {
  people: TrainingPerson[];
  attended: AttendedInYear[];
  plans: PlanHours[];
}

/**
 * What one subject is answerable for in the period: the cases it reported (a worker: by them; a township:
 * in it; a department: by its members), the cases it handles (a worker: in their grids; a township: in it;
 * a department: held by it), the patrols and sites of its grids, the sessions meant for it and its
 * people (`people` counts the persons the attendance rate is over) and their training year. `patrols`
 * reach back to the start of the earliest patrol period that ends in the assessed period
 * (`patrolsFrom`), so a plan's periods can be judged whole; `patrolPlan` is the county's plan (its own or
 * the default), null where none applies.
 */
export interface SubjectFacts {
  reported: CaseFact[];
  handled: CaseFact[];
  patrols: PatrolFact[];
  sites: SiteFact[];
  patrolPlan: PatrolPlan | null;
  trainings: TrainingFact[];
  attendances: AttendanceFact[];
  people: number;
  /** Null where training hours do not apply (departments). */
  trainingYear: TrainingYearFacts | null;
}

export type RecordKind = "case" | "patrol" | "site" | "training" | "attendance";
export interface RecordRef {
  kind: RecordKind;
  id: string;
  label: string;
}

export type Label = { zh: string; en: string };
export type IndicatorValue =
  | {
      available: true;
      value: number;
      numerator?: number;
      denominator?: number;
      /** The records the value counts (the numerator's, or the events counted). */
      records: RecordRef[];
    }
  | { available: false; reason: Label };

export interface IndicatorDef {
  id: string;
  zh: string;
  en: string;
  unit: "percent" | "count";
  /** The formula as written in the console's hover. */
  formula: Label;
  /** Higher is better (rates of good things, counts of reports); false for overdue and rework. */
  higherIsBetter: boolean;
  levels: readonly SubjectLevel[];
  compute(facts: SubjectFacts, period: Period): IndicatorValue;
}

export const inPeriod = (at: string | null, p: Period) => at !== null && at >= p.from && at < p.to;

/** A rate in percent with two decimals, or unavailable when the denominator is 0. */
export function rate(numerator: RecordRef[], denominator: number, none: Label): IndicatorValue {
  if (denominator === 0) return { available: false, reason: none };
  return {
    available: true,
    value: Math.round((numerator.length / denominator) * 10_000) / 100,
    numerator: numerator.length,
    denominator,
    records: numerator,
  };
}

export const caseRef = (c: CaseFact): RecordRef => ({ kind: "case", id: c.id, label: c.number });
