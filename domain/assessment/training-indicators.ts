import { type AttendedInYear, shanghaiYearMonth, trainingYearOf, yearPeriod } from "../tasks/training-hours";
import type { IndicatorDef, IndicatorValue, Period, RecordRef, TrainingYearFacts } from "./indicator";

/**
 * Training hours in the assessment catalogue (R19, R23): 培训学时达标率, from the training hours per worker
 * per year (domain/tasks/training-hours.ts) against the annual plan's hours, due pro rata to the months of
 * the year gone by the period's end (a monthly run in March asks a quarter of the year's hours).
 */

/** The plan's hours a worker is due to have reached by the period's end, and that year and months. */
export function hoursDueBy(requiredHours: number, p: Period) {
  const { month } = shanghaiYearMonth(new Date(Date.parse(p.to) - 1));
  return Math.round(((requiredHours * month) / 12) * 100) / 100;
}

/** Each person's hours from the start of the period's year to its end, against the hours due by then. */
export function hoursAgainstPlan(f: TrainingYearFacts, p: Period) {
  const { year } = shanghaiYearMonth(new Date(Date.parse(p.to) - 1));
  const from = yearPeriod(year).from;
  const inReach = (a: AttendedInYear) => a.startsAt >= from && a.startsAt < p.to;
  return trainingYearOf(f.people, f.attended.filter(inReach), f.plans, year).map((w) => {
    const due = w.requiredHours === null ? null : hoursDueBy(w.requiredHours, p);
    return { ...w, due, metDue: due === null ? null : w.hours >= due };
  });
}

export const trainingHoursMet: IndicatorDef = {
  id: "training_hours_met",
  zh: "培训学时达标率",
  en: "Training hours met",
  unit: "percent",
  higherIsBetter: true,
  formula: {
    zh:
      "培训学时达标率 = 累计培训学时达到按进度应修学时的网格员数 ÷ 有年度培训计划的网格员数 × 100%。" +
      "累计培训学时：本年 1 月 1 日至期末开始、本人签到（含组织者登记）的培训所计学时之和；" +
      "按进度应修学时 = 年度培训计划规定的每人学时（所在县、乡镇计划中取高者）× 截至期末的月数 ÷ 12",
    en:
      "Grid workers whose training hours reached the hours due by the period's end ÷ grid workers a " +
      "plan applies to × 100%. Hours: those of the sessions they checked in to (or were entered for) that " +
      "started from January 1st to the period's end; due: the annual plan's hours per person (the " +
      "higher of the county's and the township's) × months of the year to the period's end ÷ 12",
  },
  levels: ["grid_worker", "township"],
  compute(f, p): IndicatorValue {
    if (!f.trainingYear)
      return { available: false, reason: { zh: "不适用培训学时", en: "Training hours do not apply" } };
    const rows = hoursAgainstPlan(f.trainingYear, p).filter((w) => w.due !== null);
    if (rows.length === 0)
      return {
        available: false,
        reason: { zh: "本年没有适用的年度培训计划（未规定应修学时）", en: "No annual training plan applies" },
      };
    const counted = new Set(rows.map((w) => w.userId));
    const names = new Map(rows.map((w) => [w.userId, w.name]));
    const { year } = shanghaiYearMonth(new Date(Date.parse(p.to) - 1));
    const from = yearPeriod(year).from;
    // the check-ins whose hours were summed, so a breakdown shows how each worker's hours were made up
    const records: RecordRef[] = f.trainingYear.attended
      .filter((a) => counted.has(a.userId) && a.startsAt >= from && a.startsAt < p.to)
      .map((a) => ({
        kind: "attendance",
        id: a.attendanceId,
        label: `${names.get(a.userId)} · ${a.title}（${a.hours} 学时）`,
      }));
    const met = rows.filter((w) => w.metDue).length;
    return {
      available: true,
      value: Math.round((met / rows.length) * 10_000) / 100,
      numerator: met,
      denominator: rows.length,
      records,
    };
  },
};
