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

/**
 * 同人不得闭环 (C12, four eyes): a county setting, on unless the county office switches it off. While on,
 * whoever gave the feedback (or handles the case) may not re-check it or accept it on site, the feedback
 * signer may not close it, and in a case of the lead department's own remit its handler may not close it.
 * Refused with 409 `same_person_closure`; when off, a re-check by the same person is recorded with the
 * soft flag `same_person` on the timeline instead.
 */
export const defaultAnotherPersonCloses = true;

export type ClosureAction = "recheck" | "accept_onsite" | "close";
export const closureActions: readonly ClosureAction[] = ["recheck", "accept_onsite", "close"];

export interface ClosureFacts {
  handlerId: string | null;
  lastFeedbackBy: string | null;
  ownerDepartmentId: string;
  leadDepartmentId: string;
}

const reasons = {
  feedbackChecks: {
    zh: "本县已启用“同人不得闭环”：整改反馈人不能复查或验收本案，请由其他人员进行",
    en: "Another person must re-check: you gave the feedback on this case",
  },
  handlerChecks: {
    zh: "本县已启用“同人不得闭环”：本案经办人不能复查或验收本案，请由其他人员进行",
    en: "Another person must re-check: you handle this case",
  },
  feedbackCloses: {
    zh: "本县已启用“同人不得闭环”：整改反馈人不能结案，请由本部门其他人员结案",
    en: "Another person must close: you gave the feedback on this case",
  },
  handlerCloses: {
    zh: "本县已启用“同人不得闭环”：牵头部门自办案件的经办人与结案人须为不同人员",
    en: "In the lead department's own remit, the handler and the closer must be different people",
  },
} as const;

/** Why `actorId` may not do `action` under the rule (null when they may, or the rule is off). */
export function samePersonRefusal(
  actorId: string,
  action: string,
  kase: ClosureFacts,
  anotherPersonCloses: boolean,
): { zh: string; en: string } | null {
  if (!anotherPersonCloses) return null;
  if (action === "recheck" || action === "accept_onsite") {
    if (actorId === kase.lastFeedbackBy) return reasons.feedbackChecks;
    if (actorId === kase.handlerId) return reasons.handlerChecks;
  }
  if (action === "close") {
    if (actorId === kase.lastFeedbackBy) return reasons.feedbackCloses;
    if (kase.ownerDepartmentId === kase.leadDepartmentId && actorId === kase.handlerId)
      return reasons.handlerCloses;
  }
  return null;
}
