import type { GeoPoint, RecheckFlag } from "./case-types";

/**
 * Guards against the "fake closed loop" (假闭环): a re-check dated before the feedback, signed by the
 * person who did the work, or done far from the site; and hazards that keep coming back unescalated.
 */

const earthRadiusM = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const defaultMaxRecheckDistanceM = 300;

export interface RecheckFacts {
  feedbackAt: Date | string | null;
  feedbackBy: string | null;
  handlerId: string | null;
  recheckAt: Date | string;
  recheckBy: string;
  recheckLocation: GeoPoint | null;
  siteLocation: GeoPoint | null;
  maxDistanceM?: number;
}

export type RecheckFinding =
  | { flag: "before_feedback" }
  | { flag: "same_person" }
  | { flag: "no_location" }
  | { flag: "far_from_site"; distanceM: number };

const time = (t: Date | string) => (typeof t === "string" ? Date.parse(t) : t.getTime());

/**
 * Findings about a re-check. `before_feedback`: no feedback yet, or the re-check is not later than it.
 * `same_person`: the re-checker handled the case or signed the feedback. `no_location`: the site has a
 * location but the re-check carries none. `far_from_site`: farther than `maxDistanceM` (distance given).
 */
export function checkRecheck(facts: RecheckFacts): RecheckFinding[] {
  const out: RecheckFinding[] = [];
  if (facts.feedbackAt === null || time(facts.recheckAt) <= time(facts.feedbackAt))
    out.push({ flag: "before_feedback" });
  if (facts.recheckBy === facts.handlerId || facts.recheckBy === facts.feedbackBy)
    out.push({ flag: "same_person" });
  if (facts.siteLocation) {
    if (!facts.recheckLocation) out.push({ flag: "no_location" });
    else {
      const d = distanceM(facts.siteLocation, facts.recheckLocation);
      if (d > (facts.maxDistanceM ?? defaultMaxRecheckDistanceM))
        out.push({ flag: "far_from_site", distanceM: Math.round(d) });
    }
  }
  return out;
}

export const recheckFlagLabel: Record<RecheckFlag, { zh: string; en: string }> = {
  before_feedback: { zh: "复查时间早于整改反馈", en: "Re-check before the feedback" },
  same_person: { zh: "复查人与整改人相同", en: "Re-checked by the handler" },
  no_location: { zh: "复查未记录位置", en: "Re-check without a location" },
  far_from_site: { zh: "复查位置距场所过远", en: "Re-check far from the site" },
};

/**
 * True when the same site + category has come up `threshold` times or more within the last `windowDays`
 * (counting `times`, which should include the case being reported). Such a case is escalated.
 */
export function recurrence(times: (Date | string)[], now: Date, windowDays = 90, threshold = 3): boolean {
  const end = now.getTime();
  const start = end - windowDays * 86_400_000;
  return times.filter((t) => time(t) > start && time(t) <= end).length >= threshold;
}
