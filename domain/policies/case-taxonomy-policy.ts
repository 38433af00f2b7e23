import type { Actor } from "../auth/actor";
import { categoryRegionLengths } from "../case/category-taxonomy";
import { can, routeGates } from "./access-table";

type TaxonomyActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;

/**
 * The case taxonomy (categories) of a region is configured by the safety offices and administrators that
 * cover it, at province, city or county level; anyone may read the taxonomy of a region in or above
 * their scope (a grid worker reads the county's).
 */
export const caseTaxonomyPolicy = {
  read: (actor: TaxonomyActor, regionCode: string) =>
    can(actor, "category", "read", { regionPrefix: regionCode }),
  manage: (actor: TaxonomyActor, regionPrefix: string) =>
    (categoryRegionLengths as readonly number[]).includes(regionPrefix.length) &&
    can(actor, "category", "manage", { regionPrefix }),
};

export const categoryGate = routeGates("category");
