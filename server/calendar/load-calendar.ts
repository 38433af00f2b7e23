/**
 * Loads operator calendar files (`<dir>/*.json`, format in docs/calendar.md) and builds the working
 * calendar with them as overrides over the `chinese-days` package data.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { isIsoDate, shanghaiDate } from "../../domain/calendar/shanghai-time";
import {
  type CalendarOverride,
  createWorkingCalendar,
  type WorkHours,
  type WorkingCalendar,
} from "../../domain/calendar/working-calendar";
import { AppError } from "../../domain/errors";

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const yearRange = { error: "year 须在 2000 至 2100 之间" };

export const calendarFileSchema = z
  .strictObject({
    year: z.int({ error: "year 须为整数年份" }).min(2000, yearRange).max(2100, yearRange),
    days: z
      .array(
        z.strictObject({
          date: z
            .string({ error: "date 须为字符串" })
            .regex(datePattern, { error: "date 须为 YYYY-MM-DD 格式" })
            .refine(isIsoDate, { error: "date 不是有效日期" }),
          kind: z.enum(["holiday", "workday"], { error: 'kind 须为 "holiday"（放假）或 "workday"（上班）' }),
          name: z
            .string({ error: "name 须为字符串" })
            .trim()
            .min(1, { error: "name 不能为空" })
            .max(40, { error: "name 最多 40 个字符" })
            .optional(),
        }),
        { error: "days 须为数组" },
      )
      .min(1, { error: "days 不能为空" }),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.days.forEach((day, i) => {
      if (!day.date.startsWith(`${file.year}-`)) {
        ctx.addIssue({
          code: "custom",
          path: ["days", i, "date"],
          message: `日期 ${day.date} 不属于 ${file.year} 年`,
        });
      }
      if (seen.has(day.date)) {
        ctx.addIssue({ code: "custom", path: ["days", i, "date"], message: `日期 ${day.date} 重复出现` });
      }
      seen.add(day.date);
    });
  });

export type CalendarFile = z.infer<typeof calendarFileSchema>;

function fileError(file: string, zh: string, en: string, details?: unknown): AppError {
  return new AppError("invalid_calendar_file", {
    status: 422,
    zh: `节假日日历文件 ${file} 有误：${zh}`,
    en: `Calendar file ${file} is invalid: ${en}`,
    details: { file, ...(details ? { issues: details } : {}) },
  });
}

/** Chinese messages for the generic zod issues that the schema does not word itself. */
function zhIssue(issue: { code?: string; keys?: string[]; expected?: unknown }): string | undefined {
  if (issue.code === "unrecognized_keys") return `不认识的字段：${(issue.keys ?? []).join("、")}`;
  if (issue.code === "invalid_type" && issue.expected === "object") return "须为 JSON 对象 {...}";
  if (issue.code === "invalid_type") return `类型不正确（应为 ${String(issue.expected)}）`;
  return undefined;
}

/** Parse and validate the text of one calendar file; `file` names it in error messages. */
export function parseCalendarFile(file: string, text: string): CalendarFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw fileError(file, "不是有效的 JSON", `not valid JSON (${(e as Error).message})`);
  }
  const result = calendarFileSchema.safeParse(json, { error: zhIssue });
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    const where = first.path ? `（${first.path}）` : "";
    const en = `wrong value at ${first.path || "the top level"} (format: docs/calendar.md)`;
    throw fileError(file, `${first.message}${where}`, en, issues);
  }
  return result.data;
}

/** Read every `*.json` calendar file in `dir` (sorted by name); a missing folder means no files. */
export async function readCalendarFiles(dir: string): Promise<{ file: string; calendar: CalendarFile }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const files = names.filter((n) => n.toLowerCase().endsWith(".json")).sort();
  const out: { file: string; calendar: CalendarFile }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    out.push({ file, calendar: parseCalendarFile(file, text) });
  }
  return out;
}

/** Build the working calendar from the package data plus the calendar files in `dir`. */
export async function loadCalendar(
  dir: string,
  options: { workHours?: WorkHours } = {},
): Promise<WorkingCalendar> {
  const overrides: CalendarOverride[] = [];
  const source = new Map<string, string>();
  for (const { file, calendar } of await readCalendarFiles(dir)) {
    for (const day of calendar.days) {
      const other = source.get(day.date);
      if (other) {
        throw fileError(
          file,
          `日期 ${day.date} 已在 ${other} 中定义`,
          `date ${day.date} is also defined in ${other}`,
        );
      }
      source.set(day.date, file);
      overrides.push(day);
    }
  }
  return createWorkingCalendar({ overrides, workHours: options.workHours });
}

/**
 * Years the server should warn about: the current Shanghai year when the calendar lacks it, and from
 * December 1 also the next year (deadlines then start to run into it; the State Council usually
 * publishes the next year's arrangement in November).
 */
export function missingCalendarYears(calendar: WorkingCalendar, now: Date): number[] {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const wanted = today.slice(5) >= "12-01" ? [year, year + 1] : [year];
  const known = new Set(calendar.coverage().years);
  return wanted.filter((y) => !known.has(y));
}
