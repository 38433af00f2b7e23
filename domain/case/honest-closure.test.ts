import { describe, expect, it } from "vitest";
import { farFromSite, nearSite, siteAt } from "./case-fixtures";
import { checkRecheck, distanceM, recurrence } from "./honest-closure";

describe("distanceM", () => {
  it("measures great-circle distances", () => {
    expect(distanceM(siteAt, siteAt)).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(distanceM({ lng: 104, lat: 36 }, { lng: 104, lat: 37 })).toBeCloseTo(111_195, -2);
    expect(distanceM(siteAt, nearSite)).toBeGreaterThan(30);
    expect(distanceM(siteAt, nearSite)).toBeLessThan(80);
  });
});

describe("checkRecheck", () => {
  const base = {
    feedbackAt: "2026-11-02T08:00:00.000Z",
    feedbackBy: "u-handler",
    handlerId: "u-handler",
    recheckAt: "2026-11-03T08:00:00.000Z",
    recheckBy: "u-grid",
    recheckLocation: nearSite,
    siteLocation: siteAt,
    maxDistanceM: 200,
  };

  it("finds nothing in an honest re-check", () => expect(checkRecheck(base)).toEqual([]));

  it("flags a re-check before or at the feedback, or with no feedback at all", () => {
    expect(checkRecheck({ ...base, recheckAt: "2026-11-02T07:59:00.000Z" })).toEqual([
      { flag: "before_feedback" },
    ]);
    expect(checkRecheck({ ...base, recheckAt: base.feedbackAt })).toEqual([{ flag: "before_feedback" }]);
    expect(checkRecheck({ ...base, feedbackAt: null })).toEqual([{ flag: "before_feedback" }]);
  });

  it("flags the handler or the feedback signer re-checking", () => {
    expect(checkRecheck({ ...base, recheckBy: "u-handler" })).toEqual([{ flag: "same_person" }]);
    expect(checkRecheck({ ...base, feedbackBy: "u-grid" })).toEqual([{ flag: "same_person" }]);
  });

  it("flags a far or missing location, with the distance", () => {
    const far = checkRecheck({ ...base, recheckLocation: farFromSite });
    expect(far).toHaveLength(1);
    expect(far[0]).toMatchObject({ flag: "far_from_site" });
    expect(far[0].flag === "far_from_site" && far[0].distanceM).toBeGreaterThan(2000);
    expect(checkRecheck({ ...base, maxDistanceM: 10 })[0]).toMatchObject({ flag: "far_from_site" });
    expect(checkRecheck({ ...base, recheckLocation: null })).toEqual([{ flag: "no_location" }]);
    expect(checkRecheck({ ...base, recheckLocation: null, siteLocation: null })).toEqual([]);
  });
});

describe("recurrence", () => {
  const now = new Date("2026-11-30T00:00:00.000Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it("is true at three times within 90 days", () => {
    expect(recurrence([daysAgo(0), daysAgo(30), daysAgo(89)], now)).toBe(true);
    expect(
      recurrence([daysAgo(0).toISOString(), daysAgo(1).toISOString(), daysAgo(2).toISOString()], now),
    ).toBe(true);
  });

  it("ignores times outside the window and in the future", () => {
    expect(recurrence([daysAgo(0), daysAgo(30), daysAgo(90)], now)).toBe(false);
    expect(recurrence([daysAgo(0), daysAgo(30), daysAgo(-1)], now)).toBe(false);
    expect(recurrence([daysAgo(0), daysAgo(30)], now)).toBe(false);
  });

  it("takes a window and threshold", () => {
    expect(recurrence([daysAgo(0), daysAgo(20)], now, 30, 2)).toBe(true);
    expect(recurrence([daysAgo(0), daysAgo(40)], now, 30, 2)).toBe(false);
  });
});
