import { describe, expect, it } from "vitest";
import { farFromSite, nearSite, siteAt } from "./case-fixtures";
import { checkRecheck, distanceM, recurrence, samePersonRefusal } from "./honest-closure";

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

describe("samePersonRefusal (同人不得闭环)", () => {
  const held = {
    handlerId: "u-h",
    lastFeedbackBy: "u-f",
    ownerDepartmentId: "dep-m",
    leadDepartmentId: "dep-l",
  };
  const own = { ...held, ownerDepartmentId: "dep-l" };

  it("refuses the feedback signer and the handler a re-check or on-site acceptance", () => {
    for (const action of ["recheck", "accept_onsite"]) {
      expect(samePersonRefusal("u-f", action, held, true)?.zh).toContain("整改反馈人不能复查");
      expect(samePersonRefusal("u-h", action, held, true)?.zh).toContain("经办人不能复查");
      expect(samePersonRefusal("u-other", action, held, true)).toBeNull();
    }
  });

  it("refuses the feedback signer the closing, and the handler in the lead department's own remit", () => {
    expect(samePersonRefusal("u-f", "close", held, true)?.zh).toContain("整改反馈人不能结案");
    expect(samePersonRefusal("u-h", "close", held, true)).toBeNull();
    expect(samePersonRefusal("u-h", "close", own, true)?.zh).toContain("经办人与结案人须为不同人员");
    expect(samePersonRefusal("u-other", "close", own, true)).toBeNull();
  });

  it("concerns only re-check, on-site acceptance and close, and nothing when the county switched it off", () => {
    expect(samePersonRefusal("u-f", "reopen", held, true)).toBeNull();
    expect(samePersonRefusal("u-h", "feedback", held, true)).toBeNull();
    for (const action of ["recheck", "accept_onsite", "close"]) {
      expect(samePersonRefusal("u-f", action, own, false)).toBeNull();
      expect(samePersonRefusal("u-h", action, own, false)).toBeNull();
    }
  });

  it("does not treat a missing handler or feedback signer as a match", () => {
    const none = { ...own, handlerId: null, lastFeedbackBy: null };
    expect(samePersonRefusal("u-x", "close", none, true)).toBeNull();
  });
});
