import { type Actor, coversScope } from "../auth/actor";
import { type Role, roles } from "../auth/roles";
import { can, routeGates } from "./access-table";

export const userGate = routeGates("user");

/** Field and department roles every office may hand out in its jurisdiction. */
const localRoles: Role[] = [
  "lead_department",
  "cooperating_department",
  "township_station",
  "grid_worker",
  "committee_member",
  "service_provider",
  "tip_officer",
  "finance",
];

/**
 * Roles that may manage accounts, and which roles each may hand out at creation: never one above their own.
 * The system administrator creates accounts of every role (one role each, 三员分立), but does not change roles
 * or scopes afterwards: that is the security administrator's duty (`regrantable`).
 */
const grantable: Partial<Record<Role, readonly Role[]>> = {
  system_admin: roles,
  province_office: ["city_office", "county_office", ...localRoles],
  city_office: ["county_office", ...localRoles],
  county_office: localRoles,
  township_station: ["grid_worker", "committee_member"],
};

/** Who changes an existing account's role or scope, and between which roles. */
const regrantable: Partial<Record<Role, readonly Role[]>> = {
  security_admin: roles,
  province_office: grantable.province_office,
  city_office: grantable.city_office,
  county_office: grantable.county_office,
  township_station: grantable.township_station,
};

type UserLike = { role: Role; regionCode: string; scope: string[] };

/** Reading accounts is for those who keep them (the access table's `user.read`); the auditor reads none. */
export const userPolicy = {
  list: (actor: Actor) => userGate.read(actor),
  read: (actor: Actor, user: UserLike) => can(actor, "user", "read", user),
  create: (actor: Actor, role: Role, scope: string[]) =>
    Boolean(grantable[actor.role]?.includes(role)) && coversScope(actor, scope),
  /** Profile fields, status (disable) and password reset. */
  update: (actor: Actor, user: UserLike) =>
    Boolean(grantable[actor.role]?.includes(user.role)) && coversScope(actor, user.scope),
  /** A new role or scope for an existing account (see also `separationOfDutiesConflict`). */
  changeRole: (actor: Actor, user: UserLike, role: Role, scope: string[]) =>
    Boolean(regrantable[actor.role]?.includes(user.role) && regrantable[actor.role]?.includes(role)) &&
    coversScope(actor, user.scope) &&
    coversScope(actor, scope),
};

export function grantableRoles(actor: Actor): Role[] {
  return [...(grantable[actor.role] ?? [])];
}
