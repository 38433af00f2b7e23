import packageDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { fromShanghai, shanghaiIso } from "./shanghai-time";
import { createWorkingCalendar } from "./working-calendar";

const cal = createWorkingCalendar();
const sh = (iso: string) => new Date(`${iso}+08:00`);
const iso = (d: Date) => shanghaiIso(d);

const holidays = packageDays.holidays as Record<string, string>;
const workdays = packageDays.workdays as Record<string, string>;

describe("package data for the dates used below (chinese-days 1.5.7)", () => {
  it("2025 National Day: Oct 1-8 off, Sunday Sep 28 and Saturday Oct 11 worked", () => {
    for (let d = 1; d <= 8; d++) expect(holidays[`2025-10-0${d}`]).toBeDefined();
    expect(holidays["2025-10-09"]).toBeUndefined();
    expect(workdays["2025-09-28"]).toContain("国庆节");
    expect(workdays["2025-10-11"]).toContain("国庆节");
  });

  it("2026 Spring Festival: Feb 15-23 off, Saturdays Feb 14 and Feb 28 worked", () => {
    for (let d = 15; d <= 23; d++) expect(holidays[`2026-02-${d}`]).toContain("春节");
    expect(workdays["2026-02-14"]).toContain("春节");
    expect(workdays["2026-02-28"]).toContain("春节");
  });
});

describe("dayInfo / isWorkingDay", () => {
  it("classifies holidays, make-up workdays, weekends and ordinary workdays", () => {
    expect(cal.dayInfo("2025-10-01")).toEqual({ working: false, kind: "holiday", name: "国庆节" });
    expect(cal.dayInfo("2025-10-06")).toEqual({ working: false, kind: "holiday", name: "中秋" });
    expect(cal.dayInfo("2025-10-08")).toMatchObject({ working: false, kind: "holiday" });
    expect(cal.dayInfo("2025-09-28")).toEqual({ working: true, kind: "makeup_workday", name: "国庆节" });
    expect(cal.dayInfo("2025-10-11")).toEqual({ working: true, kind: "makeup_workday", name: "国庆节" });
    expect(cal.dayInfo("2025-10-12")).toEqual({ working: false, kind: "weekend" });
    expect(cal.dayInfo("2025-10-09")).toEqual({ working: true, kind: "workday" });
    expect(cal.dayInfo("2026-02-14")).toMatchObject({ working: true, kind: "makeup_workday", name: "春节" });
    expect(cal.dayInfo("2026-02-15")).toMatchObject({ working: false, kind: "holiday", name: "春节" });
    expect(cal.dayInfo("2026-02-23")).toMatchObject({ working: false, kind: "holiday" });
    expect(cal.isWorkingDay("2026-02-24")).toBe(true);
    expect(cal.isWorkingDay("2026-02-28")).toBe(true);
  });

  it("agrees with the package on every day of 2025 and 2026", () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay();
      const expected = date in workdays || (weekday >= 1 && weekday <= 5 && !(date in holidays));
      expect(cal.isWorkingDay(date), date).toBe(expected);
    }
  });

  it("rejects a malformed date", () => {
    expect(() => cal.isWorkingDay("2025-10-32")).toThrow(AppError);
  });
});

describe("addWorkingDays", () => {
  it("skips the National Day holiday and counts the make-up Saturday", () => {
    const report = sh("2025-09-30T10:00:00");
    expect(iso(cal.addWorkingDays(report, 1))).toBe("2025-10-09T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 2))).toBe("2025-10-10T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 3))).toBe("2025-10-11T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 4))).toBe("2025-10-13T17:30:00+08:00");
  });

  it("counts the make-up Sunday before National Day", () => {
    expect(iso(cal.addWorkingDays(sh("2025-09-27T23:00:00"), 1))).toBe("2025-09-28T17:30:00+08:00");
  });

  it("handles the 2026 Spring Festival with its two make-up Saturdays", () => {
    const report = sh("2026-02-13T16:00:00");
    expect(iso(cal.addWorkingDays(report, 1))).toBe("2026-02-14T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 2))).toBe("2026-02-24T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 5))).toBe("2026-02-27T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(report, 6))).toBe("2026-02-28T17:30:00+08:00");
  });

  it("spans an ordinary weekend; a late-evening report still counts from its Shanghai date", () => {
    expect(iso(cal.addWorkingDays(sh("2025-11-14T23:30:00"), 1))).toBe("2025-11-17T17:30:00+08:00");
    // 07:30 Friday in Shanghai is still Thursday in UTC (the test process TZ)
    const earlyFriday = new Date("2025-11-13T23:30:00Z");
    expect(iso(cal.addWorkingDays(earlyFriday, 1))).toBe("2025-11-17T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(sh("2025-11-13T23:59:59"), 1))).toBe("2025-11-14T17:30:00+08:00");
  });

  it("0 days means the end of the same (or next) working day", () => {
    expect(iso(cal.addWorkingDays(sh("2025-10-10T08:00:00"), 0))).toBe("2025-10-10T17:30:00+08:00");
    expect(iso(cal.addWorkingDays(sh("2025-10-03T08:00:00"), 0))).toBe("2025-10-09T17:30:00+08:00");
  });

  it("rejects negative or fractional day counts", () => {
    expect(() => cal.addWorkingDays(sh("2025-10-10T08:00:00"), -1)).toThrow(AppError);
    expect(() => cal.addWorkingDays(sh("2025-10-10T08:00:00"), 1.5)).toThrow(AppError);
  });
});

describe("addWorkingHours (default 09:00-12:00, 13:30-17:30)", () => {
  it("has 7 working hours a day", () => {
    expect(cal.hoursPerDay).toBe(7);
  });

  it("spans a weekend", () => {
    expect(iso(cal.addWorkingHours(sh("2025-11-14T16:00:00"), 4))).toBe("2025-11-17T11:30:00+08:00");
  });

  it("skips lunch, evenings and time before work", () => {
    expect(iso(cal.addWorkingHours(sh("2025-11-17T11:00:00"), 2))).toBe("2025-11-17T14:30:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-17T12:30:00"), 1))).toBe("2025-11-17T14:30:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-14T22:00:00"), 1))).toBe("2025-11-17T10:00:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-17T07:00:00"), 1))).toBe("2025-11-17T10:00:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-17T09:00:00"), 7))).toBe("2025-11-17T17:30:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-17T09:00:00"), 24))).toBe("2025-11-20T12:00:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-11-17T09:00:00"), 0.5))).toBe("2025-11-17T09:30:00+08:00");
  });

  it("spans the National Day holiday", () => {
    expect(iso(cal.addWorkingHours(sh("2025-09-30T17:00:00"), 1))).toBe("2025-10-09T09:30:00+08:00");
    expect(iso(cal.addWorkingHours(sh("2025-10-01T10:00:00"), 8))).toBe("2025-10-10T10:00:00+08:00");
  });

  it("0 hours is the same instant; negative hours are rejected", () => {
    const from = sh("2025-10-03T10:00:00");
    expect(cal.addWorkingHours(from, 0).getTime()).toBe(from.getTime());
    expect(() => cal.addWorkingHours(from, -1)).toThrow(AppError);
  });
});

describe("workingDaysBetween / workingHoursBetween (how overdue)", () => {
  it("counts working days after the deadline's date", () => {
    const deadline = sh("2025-09-30T17:30:00");
    expect(cal.workingDaysBetween(deadline, sh("2025-09-30T23:00:00"))).toBe(0);
    expect(cal.workingDaysBetween(deadline, sh("2025-10-08T12:00:00"))).toBe(0);
    expect(cal.workingDaysBetween(deadline, sh("2025-10-09T10:00:00"))).toBe(1);
    expect(cal.workingDaysBetween(deadline, sh("2025-10-13T10:00:00"))).toBe(4);
    expect(cal.workingDaysBetween(sh("2025-10-13T10:00:00"), deadline)).toBe(-4);
  });

  it("counts working hours only", () => {
    expect(cal.workingHoursBetween(sh("2025-11-14T16:00:00"), sh("2025-11-17T11:30:00"))).toBe(4);
    expect(cal.workingHoursBetween(sh("2025-11-17T11:30:00"), sh("2025-11-14T16:00:00"))).toBe(-4);
    expect(cal.workingHoursBetween(sh("2025-11-17T12:10:00"), sh("2025-11-17T13:20:00"))).toBe(0);
    expect(cal.workingHoursBetween(sh("2025-09-30T17:30:00"), sh("2025-10-09T09:00:00"))).toBe(0);
    expect(cal.workingHoursBetween(sh("2025-09-29T09:00:00"), sh("2025-10-10T17:30:00"))).toBe(28);
  });

  it("inverts addWorkingDays and addWorkingHours", () => {
    const from = fc.date({
      min: new Date("2025-01-01T00:00:00Z"),
      max: new Date("2026-12-01T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(from, fc.integer({ min: 1, max: 40 }), (d, n) => {
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(from, fc.integer({ min: 1, max: 400 }), (d, quarters) => {
        expect(cal.workingHoursBetween(d, cal.addWorkingHours(d, quarters / 4))).toBe(quarters / 4);
      }),
    );
  });
});

describe("overrides, custom work hours and coverage", () => {
  it("covers the package years by default", () => {
    const years = Object.keys(holidays).map((d) => Number(d.slice(0, 4)));
    expect(cal.coverage()).toMatchObject({ firstYear: 2004, lastYear: Math.max(...years) });
    expect(cal.coverage().lastYear).toBeGreaterThanOrEqual(2026);
  });

  it("lets overrides add a year and win over the package data", () => {
    const c = createWorkingCalendar({
      overrides: [
        { date: "2027-03-03", kind: "holiday", name: "虚构纪念日" },
        { date: "2027-03-06", kind: "workday", name: "虚构纪念日" },
        { date: "2025-10-08", kind: "workday" },
      ],
    });
    expect(c.dayInfo("2027-03-03")).toEqual({ working: false, kind: "holiday", name: "虚构纪念日" });
    expect(c.dayInfo("2027-03-06")).toMatchObject({ working: true, kind: "makeup_workday" });
    expect(c.isWorkingDay("2025-10-08")).toBe(true);
    expect(iso(c.addWorkingDays(sh("2027-03-02T10:00:00"), 1))).toBe("2027-03-04T17:30:00+08:00");
    expect(iso(c.addWorkingDays(sh("2027-03-05T10:00:00"), 1))).toBe("2027-03-06T17:30:00+08:00");
    expect(c.coverage().lastYear).toBe(2027);
    expect(cal.isWorkingDay("2027-03-03")).toBe(true); // the default calendar is untouched
  });

  it("rejects bad overrides", () => {
    expect(() => createWorkingCalendar({ overrides: [{ date: "2027-02-30", kind: "holiday" }] })).toThrow(
      AppError,
    );
    const bad = [{ date: "2027-03-03", kind: "vacation" }] as never;
    expect(() => createWorkingCalendar({ overrides: bad })).toThrow(AppError);
  });

  it("supports custom work hours without a lunch break", () => {
    const c = createWorkingCalendar({ workHours: { start: "08:00", end: "16:00" } });
    expect(c.hoursPerDay).toBe(8);
    expect(iso(c.addWorkingDays(sh("2025-11-14T10:00:00"), 1))).toBe("2025-11-17T16:00:00+08:00");
    expect(iso(c.addWorkingHours(sh("2025-11-14T15:00:00"), 2))).toBe("2025-11-17T09:00:00+08:00");
    expect(() => createWorkingCalendar({ workHours: { start: "17:00", end: "09:00" } })).toThrow(AppError);
    const lunchOutside = { start: "09:00", end: "17:00", lunch: ["08:00", "10:00"] as [string, string] };
    expect(() => createWorkingCalendar({ workHours: lunchOutside })).toThrow(AppError);
  });
});

describe("process time zone independence", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it("gives identical deadlines under any process TZ", () => {
    const run = () => {
      const c = createWorkingCalendar();
      const report = fromShanghai("2025-09-30", "23:50");
      return [
        iso(c.addWorkingDays(report, 1)),
        iso(c.addWorkingHours(report, 10)),
        c.workingDaysBetween(report, sh("2025-10-13T00:10:00")),
        c.workingHoursBetween(report, sh("2025-10-10T10:00:00")),
      ];
    };
    const expected = ["2025-10-09T17:30:00+08:00", "2025-10-10T12:00:00+08:00", 4, 8];
    const offsets = { UTC: 0, "America/Los_Angeles": 480, "Pacific/Kiritimati": -840, "Asia/Shanghai": -480 };
    for (const [tz, offset] of Object.entries(offsets)) {
      process.env.TZ = tz;
      expect(new Date(2025, 0, 1).getTimezoneOffset(), "the process TZ really changed").toBe(offset);
      expect(run(), tz).toEqual(expected);
    }
  });
});
