import { type Actor, covers, hasRole } from "../auth/actor";

/** Everywhere-rules belong to system administrators; a region's rules to the offices covering it. */
export const routingPolicy = {
  read: (_actor: Actor) => true,
  manage: (actor: Actor, rule: { regionPrefix: string }) =>
    rule.regionPrefix === ""
      ? hasRole(actor, "system_admin") && actor.scope.some((s) => s.length <= 2)
      : hasRole(actor, "system_admin", "province_office", "city_office", "county_office") &&
        covers(actor, rule.regionPrefix),
};
