import {
  DAY_MS,
  dayNumberToDate,
  SHANGHAI_OFFSET_MS,
  shanghaiDayNumber,
  weekdayOfDayNumber,
} from "../calendar/shanghai-time";
import type { PatrolFrequency } from "./patrol-plan";

/**
 * The periods a patrol counts for, on the Asia/Shanghai calendar: weeks run Monday to Sunday; fortnights
 * are pairs of weeks counted from Monday 1970-01-05 (so every fortnight starts on a Monday and the pairing
 * never shifts at a year's end); months, quarters, half-years and years are calendar ones. A visit counts
 * for the period holding the moment the server received it (server time wins, FIELD-CONTRACT.md).
 */
export interface Period {
  /** First instant of the period (Shanghai midnight), inclusive. */
  start: Date;
  /** First instant after it, exclusive. */
  end: Date;
}

const epochMonday = 4; // 1970-01-05
const monthsOf: Partial<Record<PatrolFrequency, number>> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};
const instantOfDay = (day: number) => new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);

/** The period of `frequency` that holds `at`. */
export function periodOf(frequency: PatrolFrequency, at: Date): Period {
  const day = shanghaiDayNumber(at);
  if (frequency === "weekly") {
    const start = day - ((weekdayOfDayNumber(day) + 6) % 7);
    return { start: instantOfDay(start), end: instantOfDay(start + 7) };
  }
  if (frequency === "fortnightly") {
    const start = epochMonday + Math.floor((day - epochMonday) / 14) * 14;
    return { start: instantOfDay(start), end: instantOfDay(start + 14) };
  }
  const k = monthsOf[frequency] ?? 1;
  const d = new Date(day * DAY_MS);
  const first = Math.floor(d.getUTCMonth() / k) * k;
  const start = Date.UTC(d.getUTCFullYear(), first, 1) / DAY_MS;
  const end = Date.UTC(d.getUTCFullYear(), first + k, 1) / DAY_MS;
  return { start: instantOfDay(start), end: instantOfDay(end) };
}

/** The period just before the one holding `at`. */
export function previousPeriod(frequency: PatrolFrequency, at: Date): Period {
  return periodOf(frequency, new Date(periodOf(frequency, at).start.getTime() - 1));
}

/** The last Shanghai calendar day of a period, `YYYY-MM-DD` (what "due by" shows). */
export function lastDayOf(period: Period): string {
  return dayNumberToDate(shanghaiDayNumber(period.end) - 1);
}

export type PatrolStatus = "due" | "overdue" | "done";

/**
 * Where a site stands on `now`:
 * - `done`: a visit in the current period (due by its last day, met);
 * - `overdue`: no visit in the current period nor in the whole previous one, although the site was
 *   registered before the previous period began (it had a full period and missed it; due by the last day
 *   of the previous period, passed);
 * - `due`: not yet visited this period, still in time (due by the current period's last day).
 */
export function patrolStatus(
  site: { createdAt: string },
  frequency: PatrolFrequency,
  lastVisitAt: string | null,
  now: Date,
): { status: PatrolStatus; dueBy: string; period: Period } {
  const current = periodOf(frequency, now);
  const last = lastVisitAt ? Date.parse(lastVisitAt) : null;
  if (last !== null && last >= current.start.getTime())
    return { status: "done", dueBy: lastDayOf(current), period: current };
  const previous = previousPeriod(frequency, now);
  const missed =
    (last === null || last < previous.start.getTime()) &&
    Date.parse(site.createdAt) < previous.start.getTime();
  return missed
    ? { status: "overdue", dueBy: lastDayOf(previous), period: current }
    : { status: "due", dueBy: lastDayOf(current), period: current };
}

/** For each frequency, where its current and previous periods start on `now` (ISO, for SQL comparisons). */
export function periodStarts(
  frequencies: readonly PatrolFrequency[],
  now: Date,
): Record<PatrolFrequency, { current: string; previous: string }> {
  const out = {} as Record<PatrolFrequency, { current: string; previous: string }>;
  for (const f of frequencies)
    out[f] = {
      current: periodOf(f, now).start.toISOString(),
      previous: previousPeriod(f, now).start.toISOString(),
    };
  return out;
}
