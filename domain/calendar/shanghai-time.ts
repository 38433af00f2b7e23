/**
 * Asia/Shanghai wall-clock helpers that never look at the process time zone.
 * China has used a fixed UTC+08:00 offset without daylight saving since 1991, so plain offset
 * arithmetic is exact for every date SafeGrid deals with.
 */
import { invalid } from "../errors";

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function assertValidDate(d: Date): void {
  if (Number.isNaN(d.getTime())) throw invalid("时间值无效", "Invalid Date value");
}

/** Milliseconds since the Unix epoch as read on a Shanghai wall clock (UTC ms + 8 h). */
export function shanghaiWallMs(d: Date): number {
  assertValidDate(d);
  return d.getTime() + SHANGHAI_OFFSET_MS;
}

/** Days since 1970-01-01 of the Shanghai calendar date containing `d`. */
export function shanghaiDayNumber(d: Date): number {
  return Math.floor(shanghaiWallMs(d) / DAY_MS);
}

/** The Shanghai calendar date of an instant, as `YYYY-MM-DD`. */
export function shanghaiDate(d: Date): string {
  return dayNumberToDate(shanghaiDayNumber(d));
}

/**
 * The Shanghai wall-clock time of an instant: `YYYY-MM-DD HH:mm`, or `YYYY-MM-DD HH:mm:ss`
 * with `{ seconds: true }` (the format used in the Chinese UI and printed documents).
 */
export function shanghaiDateTime(d: Date, opts: { seconds?: boolean } = {}): string {
  const w = new Date(shanghaiWallMs(d));
  const hm = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
  const text = `${dayNumberToDate(Math.floor(w.getTime() / DAY_MS))} ${hm}`;
  return opts.seconds ? `${text}:${pad(w.getUTCSeconds())}` : text;
}

/** ISO-8601 with the explicit Shanghai offset, e.g. `2025-10-09T17:30:00+08:00`. */
export function shanghaiIso(d: Date): string {
  return shanghaiDateTime(d, { seconds: true }).replace(" ", "T") + "+08:00";
}

/** Parse `HH:mm` or `HH:mm:ss` (00:00 to 24:00) into milliseconds after midnight. */
export function parseTimeOfDay(time: string): number {
  const m = timePattern.exec(time);
  const h = m ? Number(m[1]) : -1;
  const min = m ? Number(m[2]) : -1;
  const s = m?.[3] ? Number(m[3]) : 0;
  const ok = m && min < 60 && s < 60 && (h < 24 || (h === 24 && min === 0 && s === 0));
  if (!ok)
    throw invalid(`时间格式无效：${time}（应为 HH:mm）`, `Invalid time of day: ${time} (expected HH:mm)`);
  return ((h * 60 + min) * 60 + s) * 1000;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; rejects malformed and impossible dates. */
export function dateToDayNumber(date: string): number {
  const m = datePattern.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || dayNumberToDate(ms / DAY_MS) !== date) {
    throw invalid(`日期格式无效：${date}（应为 YYYY-MM-DD）`, `Invalid date: ${date} (expected YYYY-MM-DD)`);
  }
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export function dayNumberToDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** True when `date` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
  try {
    dateToDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** Day of the week of a day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The `YYYY-MM-DD` date `n` calendar days after `date` (negative `n` goes back). */
export function addCalendarDays(date: string, n: number): string {
  return dayNumberToDate(dateToDayNumber(date) + n);
}

/** The instant at which a Shanghai wall clock shows `date` `time` (`HH:mm` or `HH:mm:ss`). */
export function fromShanghai(date: string, time = "00:00"): Date {
  return new Date(dateToDayNumber(date) * DAY_MS + parseTimeOfDay(time) - SHANGHAI_OFFSET_MS);
}
