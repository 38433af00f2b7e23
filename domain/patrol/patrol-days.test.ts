import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyDayMarked, markDay, mergeDays, patrolDaysOf, ROW_CHARS, yearDayOf } from "./patrol-days";

describe("patrolled days", () => {
  it("puts an instant on its Shanghai day of the year", () => {
    // 16:00 UTC on Dec 31 is midnight of Jan 1 in Shanghai
    expect(yearDayOf("2026-12-31T15:59:59.999Z")).toEqual({ year: 2026, index: 364 });
    expect(yearDayOf("2026-12-31T16:00:00.000Z")).toEqual({ year: 2027, index: 0 });
    expect(yearDayOf("2028-12-31T12:00:00.000Z")).toEqual({ year: 2028, index: 365 }); // leap year
    expect(yearDayOf("2026-03-01T10:00:00.000Z")).toEqual({ year: 2026, index: 59 });
  });

  it("marks each site's days and finds a mark inside a span of days, across a new year", () => {
    const days = patrolDaysOf([
      { siteId: "a", receivedAt: "2026-12-30T02:00:00.000Z" }, // 2026 day 363
      { siteId: "a", receivedAt: "2027-01-02T02:00:00.000Z" }, // 2027 day 1
      { siteId: "b", receivedAt: "2026-01-01T00:00:00.000Z" },
    ]);
    const a = days.get("a")!;
    expect([...a.keys()]).toEqual([2026, 2027]);
    expect(a.get(2026)!.length).toBe(ROW_CHARS);
    // day 363 is bit 3 of character 60: "0" + 8
    expect(a.get(2026)).toBe(`${"0".repeat(60)}8`);
    expect(anyDayMarked(a, { year: 2026, index: 360 }, { year: 2026, index: 363 })).toBe(false);
    expect(anyDayMarked(a, { year: 2026, index: 360 }, { year: 2026, index: 364 })).toBe(true);
    expect(anyDayMarked(a, { year: 2026, index: 364 }, { year: 2027, index: 1 })).toBe(false);
    expect(anyDayMarked(a, { year: 2026, index: 364 }, { year: 2027, index: 2 })).toBe(true);
    expect(anyDayMarked(undefined, { year: 2026, index: 0 }, { year: 2027, index: 0 })).toBe(false);
  });

  it("merges two rows of a site's year", () => {
    const one = patrolDaysOf([{ siteId: "a", receivedAt: "2026-01-05T02:00:00.000Z" }])
      .get("a")!
      .get(2026)!;
    const two = patrolDaysOf([{ siteId: "a", receivedAt: "2026-02-05T02:00:00.000Z" }])
      .get("a")!
      .get(2026)!;
    const both = mergeDays(one, two);
    expect(both).toBe(markDay(markDay("0".repeat(ROW_CHARS), 4), 35));
    expect(mergeDays(both, one)).toBe(both);
  });

  it("finds a mark in a span exactly when a marked day lies in it (random days and spans)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(365), { maxLength: 12 }),
        fc.nat(366),
        fc.nat(366),
        (marked, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const row = marked.reduce(markDay, "0".repeat(ROW_CHARS));
          const days = new Map([[2028, row]]);
          expect(anyDayMarked(days, { year: 2028, index: lo }, { year: 2028, index: hi })).toBe(
            marked.some((d) => d >= lo && d < hi),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
