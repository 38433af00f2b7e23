import { type Actor, covers, hasRole } from "../auth/actor";

type DepartmentLike = { regionCode: string };

/** Offices and administrators keep the departments of their jurisdiction; everyone in scope may read them. */
export const departmentPolicy = {
  read: (actor: Actor, d: DepartmentLike) =>
    covers(actor, d.regionCode) || actor.scope.some((s) => s.startsWith(d.regionCode)),
  manage: (actor: Actor, d: DepartmentLike) =>
    hasRole(actor, "system_admin", "province_office", "city_office", "county_office") &&
    covers(actor, d.regionCode),
};
