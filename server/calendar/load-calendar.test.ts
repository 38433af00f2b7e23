import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiIso } from "../../domain/calendar/shanghai-time";
import { AppError } from "../../domain/errors";
import { loadCalendar, missingCalendarYears, parseCalendarFile } from "./load-calendar";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "safegrid-calendar-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (name: string, content: unknown) =>
  writeFile(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content), "utf8");

/** A fictional 2027 arrangement: Wednesday March 3 off, Saturday March 6 worked instead. */
const year2027 = {
  year: 2027,
  days: [
    { date: "2027-01-01", kind: "holiday", name: "元旦" },
    { date: "2027-03-03", kind: "holiday", name: "网格日（虚构）" },
    { date: "2027-03-06", kind: "workday", name: "网格日（虚构）" },
  ],
};

async function loadError(): Promise<AppError> {
  try {
    await loadCalendar(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("loadCalendar did not fail");
}

describe("loadCalendar", () => {
  it("uses the package data alone when the folder is missing or empty", async () => {
    const fromMissing = await loadCalendar(path.join(dir, "does-not-exist"));
    expect(fromMissing.dayInfo("2025-10-01")).toMatchObject({ kind: "holiday", name: "国庆节" });
    expect(fromMissing.isWorkingDay("2027-03-03")).toBe(true);
    const fromEmpty = await loadCalendar(dir);
    expect(fromEmpty.coverage()).toEqual(fromMissing.coverage());
  });

  it("adds a year from a file: a fictional holiday and its make-up Saturday", async () => {
    await write("2027.json", year2027);
    await write("README.txt", "not a calendar file, ignored");
    const cal = await loadCalendar(dir);
    expect(cal.dayInfo("2027-03-03")).toEqual({ working: false, kind: "holiday", name: "网格日（虚构）" });
    expect(cal.dayInfo("2027-03-06")).toEqual({
      working: true,
      kind: "makeup_workday",
      name: "网格日（虚构）",
    });
    expect(shanghaiIso(cal.addWorkingDays(new Date("2027-03-02T21:00:00+08:00"), 1))).toBe(
      "2027-03-04T17:30:00+08:00",
    );
    expect(shanghaiIso(cal.addWorkingDays(new Date("2027-03-05T10:00:00+08:00"), 1))).toBe(
      "2027-03-06T17:30:00+08:00",
    );
    expect(cal.coverage().lastYear).toBe(2027);
    expect(cal.coverage().years).toContain(2027);
  });

  it("lets a file correct a day the package already has, and applies custom work hours", async () => {
    await write("2025-fix.json", { year: 2025, days: [{ date: "2025-10-08", kind: "workday" }] });
    const cal = await loadCalendar(dir, { workHours: { start: "08:30", end: "17:00" } });
    expect(cal.isWorkingDay("2025-10-08")).toBe(true);
    expect(shanghaiIso(cal.addWorkingDays(new Date("2025-09-30T10:00:00+08:00"), 1))).toBe(
      "2025-10-08T17:00:00+08:00",
    );
  });

  it("accepts a file saved with a UTF-8 byte order mark", async () => {
    await write("2027.json", `\uFEFF${JSON.stringify(year2027)}`);
    expect((await loadCalendar(dir)).isWorkingDay("2027-03-03")).toBe(false);
  });

  it("names the file in a Chinese message when the JSON is broken", async () => {
    await write("2027.json", year2027);
    await write("2028.json", '{ "year": 2028, "days": [ ');
    const e = await loadError();
    expect(e.code).toBe("invalid_calendar_file");
    expect(e.zh).toContain("2028.json");
    expect(e.zh).toContain("不是有效的 JSON");
    expect(e.en).toContain("2028.json");
    expect(e.details).toMatchObject({ file: "2028.json" });
  });

  it("reports the first invalid field with its path", async () => {
    await write("2027.json", { year: 2027, days: [{ date: "2027-01-01", kind: "vacation" }] });
    const e = await loadError();
    expect(e.zh).toBe(
      '节假日日历文件 2027.json 有误：kind 须为 "holiday"（放假）或 "workday"（上班）（days.0.kind）',
    );
    expect(e.details).toMatchObject({ file: "2027.json", issues: [{ path: "days.0.kind" }] });
  });

  it.each([
    [
      "an impossible date",
      { year: 2027, days: [{ date: "2027-02-29", kind: "holiday" }] },
      "date 不是有效日期",
    ],
    [
      "a date of another year",
      { year: 2027, days: [{ date: "2028-01-01", kind: "holiday" }] },
      "不属于 2027 年",
    ],
    [
      "a duplicate date",
      {
        year: 2027,
        days: [
          { date: "2027-01-01", kind: "holiday" },
          { date: "2027-01-01", kind: "workday" },
        ],
      },
      "重复出现",
    ],
    ["no days", { year: 2027, days: [] }, "days 不能为空"],
    [
      "a year as text",
      { year: "2027", days: [{ date: "2027-01-01", kind: "holiday" }] },
      "year 须为整数年份",
    ],
    ["a wrong date format", { year: 2027, days: [{ date: "2027/1/1", kind: "holiday" }] }, "YYYY-MM-DD"],
  ])("rejects %s", (_label, content, message) => {
    expect(() => parseCalendarFile("bad.json", JSON.stringify(content))).toThrow(message);
    try {
      parseCalendarFile("bad.json", JSON.stringify(content));
    } catch (e) {
      expect((e as AppError).zh).toContain("bad.json");
    }
  });

  it("rejects unknown fields (a typo must not silently drop a holiday)", () => {
    const typo = { year: 2027, days: [{ date: "2027-01-01", knid: "holiday" }] };
    expect(() => parseCalendarFile("typo.json", JSON.stringify(typo))).toThrow(AppError);
    try {
      parseCalendarFile("typo.json", JSON.stringify(typo));
    } catch (e) {
      expect((e as AppError).details).toMatchObject({
        issues: expect.arrayContaining([{ path: "days.0", message: "不认识的字段：knid" }]),
      });
    }
    const extra = { year: 2027, days: [{ date: "2027-01-01", kind: "holiday" }], note: "x" };
    expect(() => parseCalendarFile("extra.json", JSON.stringify(extra))).toThrow(
      "节假日日历文件 extra.json 有误：不认识的字段：note",
    );
    expect(() => parseCalendarFile("list.json", "[]")).toThrow("须为 JSON 对象");
  });

  it("rejects the same date defined in two files, naming both", async () => {
    await write("2027-a.json", year2027);
    await write("2027-b.json", { year: 2027, days: [{ date: "2027-03-03", kind: "workday" }] });
    const e = await loadError();
    expect(e.zh).toContain("2027-b.json");
    expect(e.zh).toContain("2027-a.json");
  });
});

describe("missingCalendarYears", () => {
  it("warns about the current year, and from December about the next one", async () => {
    const cal = await loadCalendar(dir);
    const last = cal.coverage().lastYear;
    expect(missingCalendarYears(cal, new Date(`${last}-06-01T12:00:00+08:00`))).toEqual([]);
    // 00:30 on December 1 in Shanghai is still November 30 in UTC
    expect(missingCalendarYears(cal, new Date(`${last}-11-30T16:30:00Z`))).toEqual([last + 1]);
    expect(missingCalendarYears(cal, new Date(`${last}-11-30T15:30:00Z`))).toEqual([]);
    expect(missingCalendarYears(cal, new Date(`${last + 1}-03-01T12:00:00+08:00`))).toEqual([last + 1]);
  });

  it("is satisfied once an operator file adds the next year", async () => {
    await write("2027.json", year2027);
    const cal = await loadCalendar(dir);
    expect(missingCalendarYears(cal, new Date("2026-12-15T10:00:00+08:00"))).toEqual([]);
  });
});
