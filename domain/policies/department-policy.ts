import { type Actor, covers, hasRole } from "../auth/actor";

type DepartmentLike = { regionCode: string };

const manage = (actor: Actor, d: DepartmentLike) =>
  hasRole(actor, "system_admin", "province_office", "city_office", "county_office") &&
  covers(actor, d.regionCode);

/**
 * Offices and administrators keep the departments of their jurisdiction; everyone in scope may read them.
 * Who works in a department (names only, e.g. to name a case's handler) is for its own people and those
 * who keep it.
 */
export const departmentPolicy = {
  read: (actor: Actor, d: DepartmentLike) =>
    covers(actor, d.regionCode) || actor.scope.some((s) => s.startsWith(d.regionCode)),
  manage,
  members: (actor: Actor, d: DepartmentLike & { id: string }) =>
    (!!actor.departmentId && actor.departmentId === d.id) || manage(actor, d),
};
