import { type Actor, covers, hasRole } from "../auth/actor";

/**
 * A county's settings (同人不得闭环 and later ones): read by anyone whose scope is the county, inside it
 * or above it; changed by the safety offices covering the county (county, city, province).
 */
export const countySettingPolicy = {
  /** Route gate of the read route: any signed-in person with a scope (the row check narrows it). */
  readGate: (actor: Pick<Actor, "scope">) => actor.scope.length > 0,
  read: (actor: Pick<Actor, "scope">, countyCode: string) =>
    covers(actor, countyCode) || actor.scope.some((s) => s.startsWith(countyCode)),
  /** Route gate of the change route. */
  manageGate: (actor: Pick<Actor, "role">) =>
    hasRole(actor, "province_office", "city_office", "county_office"),
  manage: (actor: Pick<Actor, "role" | "scope">, countyCode: string) =>
    countySettingPolicy.manageGate(actor) && covers(actor, countyCode),
};
