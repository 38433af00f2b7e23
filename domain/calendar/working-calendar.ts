/**
 * The official working-day calendar (国务院办公厅节假日安排: public holidays and 调休 make-up working days)
 * in Asia/Shanghai time, used to compute deadlines counted in working days or working hours.
 * Holiday data comes from the `chinese-days` package (3.4 kB gzipped JSON, years 2004 onwards);
 * operator overrides win over it, which is how a year the package does not know yet is added.
 * Pure: no I/O, no clock, independent of the process time zone.
 */
import packageDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { invalid } from "../errors";
import {
  DAY_MS,
  dateToDayNumber,
  dayNumberToDate,
  parseTimeOfDay,
  SHANGHAI_OFFSET_MS,
  shanghaiDayNumber,
  shanghaiWallMs,
  weekdayOfDayNumber,
} from "./shanghai-time";

export type CalendarOverride = { date: string; kind: "holiday" | "workday"; name?: string };
export type WorkHours = { start: string; end: string; lunch?: [string, string] };
export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";
export type DayInfo = { working: boolean; kind: DayKind; name?: string };
export type CalendarCoverage = { firstYear: number; lastYear: number; years: number[] };

export interface WorkingCalendar {
  readonly workHours: WorkHours;
  /** Working hours in one full working day (7 with the default work hours). */
  readonly hoursPerDay: number;
  isWorkingDay(date: string): boolean;
  dayInfo(date: string): DayInfo;
  /** End of work (`workHours.end`) on the `days`-th working day after the Shanghai date of `from`. */
  addWorkingDays(from: Date, days: number): Date;
  /** The instant when `hours` of working time (inside work hours on working days) have passed. */
  addWorkingHours(from: Date, hours: number): Date;
  /** Working days with a date after `from`'s and up to `to`'s (negative when `to` is earlier). */
  workingDaysBetween(from: Date, to: Date): number;
  /** Working time in hours between two instants (negative when `to` is earlier). */
  workingHoursBetween(from: Date, to: Date): number;
  /** Years with official data (package data plus overrides). */
  coverage(): CalendarCoverage;
}

/**
 * Default office hours: 09:00-12:00 and 13:30-17:30 Shanghai time, i.e. 7 working hours a day;
 * the usual hours of county and township government service halls. Configurable per deployment.
 */
export const defaultWorkHours: WorkHours = { start: "09:00", end: "17:30", lunch: ["12:00", "13:30"] };

/** Longest run of non-working days accepted before a computation gives up (guards bad overrides). */
const maxNonWorkingRun = 366;

type SpecialDay = { kind: "holiday" | "workday"; name?: string };

/** Package values look like "National Day,国庆节,3": English name, Chinese name, length in days. */
function packageEntries(): Map<string, SpecialDay> {
  const map = new Map<string, SpecialDay>();
  const add = (days: Record<string, string>, kind: SpecialDay["kind"]) => {
    for (const [date, value] of Object.entries(days)) map.set(date, { kind, name: value.split(",")[1] });
  };
  add(packageDays.holidays, "holiday");
  add(packageDays.workdays, "workday");
  return map;
}

function workIntervals(hours: WorkHours): [number, number][] {
  const start = parseTimeOfDay(hours.start);
  const end = parseTimeOfDay(hours.end);
  const points = hours.lunch
    ? [start, parseTimeOfDay(hours.lunch[0]), parseTimeOfDay(hours.lunch[1]), end]
    : [start, end];
  if (points.some((p, i) => i > 0 && p <= points[i - 1])) {
    throw invalid(
      "工作时间设置无效：上班、午休开始、午休结束、下班时间须依次递增",
      "Invalid work hours: start, lunch start, lunch end and end must increase",
    );
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < points.length; i += 2) pairs.push([points[i], points[i + 1]]);
  return pairs;
}

export function createWorkingCalendar(
  options: { overrides?: CalendarOverride[]; workHours?: WorkHours } = {},
): WorkingCalendar {
  const workHours = options.workHours ?? defaultWorkHours;
  const intervals = workIntervals(workHours);
  const dayWorkMs = intervals.reduce((sum, [s, e]) => sum + e - s, 0);
  const endOfWorkMs = intervals[intervals.length - 1][1];

  const special = packageEntries();
  for (const o of options.overrides ?? []) {
    dateToDayNumber(o.date);
    if (o.kind !== "holiday" && o.kind !== "workday") {
      throw invalid(
        `日历覆盖类型无效：${String(o.kind)}`,
        `Invalid calendar override kind: ${String(o.kind)}`,
      );
    }
    special.set(o.date, { kind: o.kind, name: o.name });
  }
  const years = [...new Set([...special.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

  function infoOfDay(day: number): DayInfo {
    const weekend = [0, 6].includes(weekdayOfDayNumber(day));
    const s = special.get(dayNumberToDate(day));
    if (s?.kind === "holiday") return { working: false, kind: "holiday", name: s.name };
    if (s?.kind === "workday")
      return { working: true, kind: weekend ? "makeup_workday" : "workday", name: s.name };
    return weekend ? { working: false, kind: "weekend" } : { working: true, kind: "workday" };
  }
  const working = (day: number) => infoOfDay(day).working;

  /** The first working day at or after `day` (strictly after when `after` is true). */
  function nextWorkingDay(day: number, after: boolean): number {
    let d = after ? day + 1 : day;
    for (let run = 0; !working(d); d++) {
      if (++run > maxNonWorkingRun) {
        throw invalid(
          "日历中连续非工作日过多，无法计算期限",
          "No working day found within a year; check overrides",
        );
      }
    }
    return d;
  }

  /** Working milliseconds within [fromWall, toWall) on Shanghai wall-clock ms, fromWall <= toWall. */
  function workMsBetween(fromWall: number, toWall: number): number {
    let total = 0;
    for (let day = Math.floor(fromWall / DAY_MS); day * DAY_MS < toWall; day++) {
      if (!working(day)) continue;
      for (const [s, e] of intervals) {
        const lo = Math.max(day * DAY_MS + s, fromWall);
        const hi = Math.min(day * DAY_MS + e, toWall);
        if (hi > lo) total += hi - lo;
      }
    }
    return total;
  }

  return {
    workHours,
    hoursPerDay: dayWorkMs / 3_600_000,

    isWorkingDay: (date) => working(dateToDayNumber(date)),
    dayInfo: (date) => infoOfDay(dateToDayNumber(date)),

    addWorkingDays(from, days) {
      if (!Number.isInteger(days) || days < 0) {
        throw invalid(
          `工作日数须为非负整数：${days}`,
          `Working days must be a non-negative integer: ${days}`,
        );
      }
      let day = nextWorkingDay(shanghaiDayNumber(from), days > 0);
      for (let i = 1; i < days; i++) day = nextWorkingDay(day, true);
      return new Date(day * DAY_MS + endOfWorkMs - SHANGHAI_OFFSET_MS);
    },

    addWorkingHours(from, hours) {
      if (!Number.isFinite(hours) || hours < 0) {
        throw invalid(
          `工作小时数须为非负数：${hours}`,
          `Working hours must be a non-negative number: ${hours}`,
        );
      }
      let remaining = Math.round(hours * 3_600_000);
      const wall = shanghaiWallMs(from);
      if (remaining === 0) return new Date(from.getTime());
      let day = Math.floor(wall / DAY_MS);
      if (!working(day)) day = nextWorkingDay(day, true);
      for (;;) {
        for (const [s, e] of intervals) {
          const lo = Math.max(day * DAY_MS + s, wall);
          const hi = day * DAY_MS + e;
          if (hi <= lo) continue;
          if (remaining <= hi - lo) return new Date(lo + remaining - SHANGHAI_OFFSET_MS);
          remaining -= hi - lo;
        }
        day = nextWorkingDay(day, true);
      }
    },

    workingDaysBetween(from, to) {
      const a = shanghaiDayNumber(from);
      const b = shanghaiDayNumber(to);
      let count = 0;
      for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (working(d)) count++;
      return b >= a || count === 0 ? count : -count;
    },

    workingHoursBetween(from, to) {
      const a = shanghaiWallMs(from);
      const b = shanghaiWallMs(to);
      const ms = b >= a ? workMsBetween(a, b) : -workMsBetween(b, a);
      return ms === 0 ? 0 : ms / 3_600_000;
    },

    coverage: () => ({ firstYear: years[0], lastYear: years[years.length - 1], years: [...years] }),
  };
}
