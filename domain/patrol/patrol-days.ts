import { shanghaiDayNumber } from "../calendar/shanghai-time";

/**
 * The days a site was patrolled, per Shanghai year: 61 characters, each holding 6 days of the year as bits
 * (character code 48 + mask; day n is bit n % 6 of character n / 6, so "0" is six days without a check-in).
 * Kept in `patrol_day` by a trigger on every patrol insert (migration 202612141000-patrol-days), so a
 * county's patrol plan coverage over a year reads one short row per site instead of every check-in; whether
 * a patrol period was met is then "any day of it marked", whatever the plan's frequency (a plan or a risk
 * level changed later needs nothing rewritten).
 */
export type PatrolDays = ReadonlyMap<number, string>;

/** Days per character, and characters per year (366 days). */
export const DAYS_PER_CHAR = 6;
export const ROW_CHARS = 61;
const ZERO = 48;

/** A Shanghai day as (year, 0-based day of the year). */
export interface YearDay {
  year: number;
  index: number;
}

/** The Shanghai year and 0-based day of the year of an instant (what the trigger computes in SQL). */
export function yearDayOf(instant: string | Date): YearDay {
  const day = shanghaiDayNumber(typeof instant === "string" ? new Date(instant) : instant);
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  return { year, index: day - Date.UTC(year, 0, 1) / 86_400_000 };
}

const emptyRow = "0".repeat(ROW_CHARS);

/** A year's row with day `index` marked too. */
export function markDay(row: string, index: number): string {
  const at = Math.floor(index / DAYS_PER_CHAR);
  const bits = (row.charCodeAt(at) - ZERO) | (1 << (index % DAYS_PER_CHAR));
  return `${row.slice(0, at)}${String.fromCharCode(ZERO + bits)}${row.slice(at + 1)}`;
}

/** The marks of some check-ins' received instants, per site (tests and the bench compare the trigger's). */
export function patrolDaysOf(
  visits: { siteId: string; receivedAt: string }[],
): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const v of visits) {
    const { year, index } = yearDayOf(v.receivedAt);
    let years = out.get(v.siteId);
    if (!years) {
      years = new Map();
      out.set(v.siteId, years);
    }
    years.set(year, markDay(years.get(year) ?? emptyRow, index));
  }
  return out;
}

/** Two rows of one site and year (a site whose region changed has a row under each) as one. */
export function mergeDays(a: string, b: string): string {
  let out = "";
  for (let i = 0; i < ROW_CHARS; i++)
    out += String.fromCharCode(ZERO + ((a.charCodeAt(i) - ZERO) | (b.charCodeAt(i) - ZERO)));
  return out;
}

/** Whether day `lo` .. `hi - 1` of a year's row has a mark. */
function markedIn(row: string, lo: number, hi: number): boolean {
  for (let at = Math.floor(lo / DAYS_PER_CHAR); at * DAYS_PER_CHAR < hi && at < ROW_CHARS; at++) {
    let bits = row.charCodeAt(at) - ZERO;
    if (bits === 0) continue;
    const first = at * DAYS_PER_CHAR;
    // keep the bits of days inside [lo, hi)
    if (lo > first) bits &= ~((1 << (lo - first)) - 1);
    if (hi < first + DAYS_PER_CHAR) bits &= (1 << (hi - first)) - 1;
    if (bits !== 0) return true;
  }
  return false;
}

/** Whether any day in [from, to) is marked (the bounds as Shanghai days; `to` exclusive). */
export function anyDayMarked(days: PatrolDays | undefined, from: YearDay, to: YearDay): boolean {
  if (!days) return false;
  for (let year = from.year; year <= to.year; year++) {
    const row = days.get(year);
    if (!row) continue;
    const lo = year === from.year ? from.index : 0;
    const hi = year === to.year ? to.index : ROW_CHARS * DAYS_PER_CHAR;
    if (lo < hi && markedIn(row, lo, hi)) return true;
  }
  return false;
}
