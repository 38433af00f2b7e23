import { type Actor, hasRole } from "../auth/actor";

/** Who may check the integrity of the trail and read raw trail rows of their jurisdiction. */
export const trailPolicy = {
  verify: (actor: Actor) =>
    hasRole(actor, "auditor", "system_admin", "province_office", "city_office", "county_office"),
  read: (actor: Actor) =>
    hasRole(actor, "auditor", "system_admin", "province_office", "city_office", "county_office"),
};
