import { type Actor, covers, coversScope } from "../auth/actor";
import { type Role, roles } from "../auth/roles";

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

export const userPolicy = {
  list: (actor: Actor) => Boolean(grantable[actor.role]) || actor.role === "auditor",
  read: (actor: Actor, user: UserLike) =>
    (Boolean(grantable[actor.role]) || actor.role === "auditor") && covers(actor, user.regionCode),
  create: (actor: Actor, role: Role, scope: string[]) =>
    Boolean(grantable[actor.role]?.includes(role)) && coversScope(actor, scope),
  update: (actor: Actor, user: UserLike) =>
    Boolean(grantable[actor.role]?.includes(user.role)) && coversScope(actor, user.scope),
};

export function grantableRoles(actor: Actor): Role[] {
  return [...(grantable[actor.role] ?? [])];
}
