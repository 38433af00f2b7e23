import { addCalendarDays, shanghaiDate } from "../calendar/shanghai-time";

/**
 * Periods of the dashboards (issue 13.2): this month, quarter, year, or custom dates; all Shanghai dates,
 * both ends included. `previous` is month on month (the period just before, same length in months or days),
 * `lastYear` year on year. `split` cuts a period into whole months and loose days, which is how the rollup
 * is read (month rows plus day rows, never the cases).
 */
export type PeriodKind = "month" | "quarter" | "year" | "custom";
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m 1-based
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function periodOf(kind: PeriodKind, now: Date, custom?: { from: string; to: string }): Period {
  const [y, m] = shanghaiDate(now).split("-").map(Number) as [number, number];
  if (kind === "month") return { kind, from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
  if (kind === "quarter") {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { kind, from: ymd(y, q0, 1), to: ymd(y, q0 + 2, lastDay(y, q0 + 2)) };
  }
  if (kind === "year") return { kind, from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  if (!custom || custom.from > custom.to) throw new Error("custom period needs from <= to");
  return { kind, from: custom.from, to: custom.to };
}

function shiftMonths(date: string, months: number, end: boolean): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return ymd(ny, nm, end ? lastDay(ny, nm) : Math.min(d, lastDay(ny, nm)));
}

const wholeMonths = (p: { from: string; to: string }) =>
  p.from.endsWith("-01") && p.to === shiftMonths(p.to, 0, true);

function monthsSpan(p: { from: string; to: string }): number {
  const [fy, fm] = p.from.split("-").map(Number) as [number, number];
  const [ty, tm] = p.to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The period just before (month on month: the previous month, quarter or same number of days). */
export function previousPeriod(p: Period): Period {
  if (wholeMonths(p)) {
    const n = monthsSpan(p);
    return { kind: p.kind, from: shiftMonths(p.from, -n, false), to: shiftMonths(p.to, -n, true) };
  }
  const days = daysBetween(p.from, p.to) + 1;
  return { kind: p.kind, from: addCalendarDays(p.from, -days), to: addCalendarDays(p.from, -1) };
}

/** The same period a year earlier (year on year). */
export function lastYearPeriod(p: Period): Period {
  return {
    kind: p.kind,
    from: shiftMonths(p.from, -12, false),
    to: wholeMonths(p) ? shiftMonths(p.to, -12, true) : shiftMonths(p.to, -12, false),
  };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whole months (YYYY-MM) and the loose days (YYYY-MM-DD) that together make up the period. */
export function splitPeriod(p: { from: string; to: string }): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let d = p.from;
  while (d <= p.to) {
    const monthEnd = shiftMonths(d, 0, true);
    if (d.endsWith("-01") && monthEnd <= p.to) {
      months.push(d.slice(0, 7));
      d = addCalendarDays(monthEnd, 1);
    } else {
      days.push(d);
      d = addCalendarDays(d, 1);
    }
  }
  return { months, days };
}

/** Every date of the period (for daily series). */
export function datesOf(p: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

/** Change from `before` to `now` as a ratio (0.25 = +25 %); null when either is unavailable or before is 0. */
export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / before) * 10_000) / 10_000;
}
