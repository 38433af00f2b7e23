import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  addCalendarDays,
  dateToDayNumber,
  dayNumberToDate,
  fromShanghai,
  isIsoDate,
  parseTimeOfDay,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiIso,
  weekdayOfDayNumber,
} from "./shanghai-time";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("shanghaiDate / shanghaiDateTime", () => {
  it("reads the Shanghai wall clock, not the UTC one", () => {
    expect(process.env.TZ).toBe("UTC");
    const d = new Date("2025-09-30T16:30:00Z");
    expect(shanghaiDate(d)).toBe("2025-10-01");
    expect(shanghaiDateTime(d)).toBe("2025-10-01 00:30");
    expect(shanghaiDateTime(new Date("2025-10-01T00:30:45+08:00"), { seconds: true })).toBe(
      "2025-10-01 00:30:45",
    );
    expect(shanghaiIso(d)).toBe("2025-10-01T00:30:00+08:00");
  });

  it("handles the last second before Shanghai midnight and year ends", () => {
    expect(shanghaiDate(new Date("2025-12-31T23:59:59+08:00"))).toBe("2025-12-31");
    expect(shanghaiDate(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
  });

  it("gives the same answers whatever the process time zone is", () => {
    const d = new Date("2026-02-16T23:45:00+08:00");
    for (const tz of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kolkata"]) {
      process.env.TZ = tz;
      expect(shanghaiDate(d)).toBe("2026-02-16");
      expect(shanghaiDateTime(d)).toBe("2026-02-16 23:45");
      expect(fromShanghai("2026-02-16", "23:45").getTime()).toBe(d.getTime());
    }
  });

  it("rejects an invalid Date", () => {
    expect(() => shanghaiDate(new Date("nope"))).toThrow(AppError);
  });
});

describe("fromShanghai", () => {
  it("turns a Shanghai date and time into the right instant", () => {
    expect(fromShanghai("2025-10-09", "17:30").toISOString()).toBe("2025-10-09T09:30:00.000Z");
    expect(fromShanghai("2025-10-09", "07:59:30").toISOString()).toBe("2025-10-08T23:59:30.000Z");
    expect(fromShanghai("2025-10-09").toISOString()).toBe("2025-10-08T16:00:00.000Z");
    expect(fromShanghai("2025-10-09", "24:00").getTime()).toBe(fromShanghai("2025-10-10").getTime());
  });

  it("round-trips with shanghaiDateTime", () => {
    const d = fromShanghai("2024-02-29", "08:05");
    expect(shanghaiDateTime(d)).toBe("2024-02-29 08:05");
    expect(d.getTime()).toBe(new Date("2024-02-29T08:05:00+08:00").getTime());
  });

  it("rejects malformed or impossible dates and times with a validation AppError", () => {
    for (const [date, time] of [
      ["2025-02-29", "09:00"],
      ["2025-9-1", "09:00"],
      ["2025-13-01", "09:00"],
      ["2025-10-01", "25:00"],
      ["2025-10-01", "12:60"],
      ["2025-10-01", "9:00"],
      ["2025-10-01", "24:30"],
    ]) {
      let error: unknown;
      try {
        fromShanghai(date, time);
      } catch (e) {
        error = e;
      }
      expect(error, `${date} ${time}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
    }
  });
});

describe("calendar day arithmetic", () => {
  it("numbers days from 1970-01-01 and knows the weekday", () => {
    expect(dateToDayNumber("1970-01-01")).toBe(0);
    expect(dayNumberToDate(dateToDayNumber("2025-09-28"))).toBe("2025-09-28");
    expect(weekdayOfDayNumber(dateToDayNumber("2025-09-28"))).toBe(0); // Sunday
    expect(weekdayOfDayNumber(dateToDayNumber("2025-10-11"))).toBe(6); // Saturday
    expect(weekdayOfDayNumber(dateToDayNumber("1969-12-31"))).toBe(3); // Wednesday
  });

  it("adds calendar days across month and leap-year ends", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("validates dates and times", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("20260228")).toBe(false);
    expect(parseTimeOfDay("13:30")).toBe(13.5 * 3_600_000);
  });
});
