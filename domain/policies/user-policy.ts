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
];

/** Roles that may manage accounts, and which roles each may hand out: never one above their own. */
const grantable: Partial<Record<Role, readonly Role[]>> = {
  system_admin: roles,
  province_office: ["city_office", "county_office", ...localRoles],
  city_office: ["county_office", ...localRoles],
  county_office: localRoles,
  township_station: ["grid_worker", "committee_member"],
};

type UserLike = { role: Role; regionCode: string; scope: string[] };

/** Reading accounts is for those who keep them (the access table's `user.read`); the auditor reads none. */
export const userPolicy = {
  list: (actor: Actor) => userGate.read(actor),
  read: (actor: Actor, user: UserLike) => can(actor, "user", "read", user),
  create: (actor: Actor, role: Role, scope: string[]) =>
    Boolean(grantable[actor.role]?.includes(role)) && coversScope(actor, scope),
  update: (actor: Actor, user: UserLike) =>
    Boolean(grantable[actor.role]?.includes(user.role)) && coversScope(actor, user.scope),
};

export function grantableRoles(actor: Actor): Role[] {
  return [...(grantable[actor.role] ?? [])];
}
