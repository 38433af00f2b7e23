import { type Actor, covers, hasRole } from "../auth/actor";
import { categoryRegionLengths } from "../case/category-taxonomy";

/**
 * The case taxonomy (categories) of a region is configured by the safety offices and administrators that
 * cover it, at province, city or county level; anyone may read the taxonomy of a region in or above
 * their scope (a grid worker reads the county's).
 */
export const caseTaxonomyPolicy = {
  read: (actor: Pick<Actor, "scope">, regionCode: string) =>
    covers(actor, regionCode) || actor.scope.some((s) => s.startsWith(regionCode)),
  manage: (actor: Pick<Actor, "role" | "scope">, regionPrefix: string) =>
    hasRole(actor, "system_admin", "province_office", "city_office", "county_office") &&
    (categoryRegionLengths as readonly number[]).includes(regionPrefix.length) &&
    covers(actor, regionPrefix),
};
