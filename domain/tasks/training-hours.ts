import { fromShanghai, shanghaiDate } from "../calendar/shanghai-time";
import { type AttendedSession, hoursPerWorker } from "./training-plan";

/**
 * Training hours per grid worker per year (R19, issue 13.6): the hours of the sessions each worker checked
 * in to (by code, by location or entered by the organiser) that started in the Shanghai calendar year,
 * against the hours the year's annual training plan asks of them. One definition for the console's list
 * (每人年度培训学时), the worker's own figure on the phone and the assessment's 培训学时达标率.
 */

/** A Shanghai calendar year as a half-open period of UTC instants. */
export function yearPeriod(year: number) {
  return {
    from: fromShanghai(`${year}-01-01`).toISOString(),
    to: fromShanghai(`${year + 1}-01-01`).toISOString(),
  };
}

/** The Shanghai calendar year and month (1–12) an instant falls in. */
export function shanghaiYearMonth(at: Date): { year: number; month: number } {
  const [y, m] = shanghaiDate(at).split("-").map(Number);
  return { year: y, month: m };
}

export interface PlanHours {
  regionCode: string;
  year: number;
  plannedHours: number;
}

/**
 * The hours a person of `regionCode` is to attend in `year`: of the year's plans whose region holds theirs
 * (the county's, the township's), the highest; null when no plan applies.
 */
export function requiredHoursFor(regionCode: string, year: number, plans: PlanHours[]): number | null {
  let out: number | null = null;
  for (const p of plans)
    if (p.year === year && regionCode.startsWith(p.regionCode) && (out === null || p.plannedHours > out))
      out = p.plannedHours;
  return out;
}

export interface TrainingPerson {
  id: string;
  name: string;
  regionCode: string;
}

/** A check-in with what the hours and the records need. */
export type AttendedInYear = AttendedSession & { attendanceId: string; title: string; startsAt: string };

export interface WorkerTrainingYear {
  userId: string;
  name: string;
  regionCode: string;
  hours: number;
  sessions: number;
  /** Average of the scores entered (null: none scored). */
  averageScore: number | null;
  /** The plan's hours for the year (null: no plan applies). */
  requiredHours: number | null;
  /** Hours ≥ the plan's hours (null: no plan applies). */
  met: boolean | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Every person's year: the sessions they checked in to that started in `year` (each counted once), their
 * hours and average score, against the plan. A person who attended nothing has 0 hours.
 */
export function trainingYearOf(
  people: TrainingPerson[],
  attended: AttendedInYear[],
  plans: PlanHours[],
  year: number,
): WorkerTrainingYear[] {
  const { from, to } = yearPeriod(year);
  const per = hoursPerWorker(attended.filter((a) => a.startsAt >= from && a.startsAt < to));
  return people.map((p) => {
    const w = per.get(p.id);
    const hours = round2(w?.hours ?? 0);
    const requiredHours = requiredHoursFor(p.regionCode, year, plans);
    return {
      userId: p.id,
      name: p.name,
      regionCode: p.regionCode,
      hours,
      sessions: w?.sessions ?? 0,
      averageScore: w?.scored ? Math.round((w.scoreSum / w.scored) * 10) / 10 : null,
      requiredHours,
      met: requiredHours === null ? null : hours >= requiredHours,
    };
  });
}

/** One row of `GET /training-hours` (每人年度培训学时). */
export type TrainingHoursRow = WorkerTrainingYear & { regionName: string | null };

/** `GET /training-hours`: a region's grid workers for a year, paged (`total`: of those listed), with the year's summary of the whole region. */
export type TrainingHoursPage = {
  year: number;
  region: { code: string; name: string };
  items: TrainingHoursRow[];
  total: number;
  page: number;
  pageSize: number;
  summary: {
    workers: number;
    /** Workers a plan applies to, and of them those whose hours reached it. */
    withPlan: number;
    met: number;
    hours: number;
  };
};

/** `GET /training-hours/mine`: the worker's own year, with the sessions behind it. */
export type MyTrainingHours = {
  year: number;
  hours: number;
  sessions: number;
  averageScore: number | null;
  requiredHours: number | null;
  met: boolean | null;
  items: { trainingId: string; title: string; startsAt: string; hours: number; score: number | null }[];
};
