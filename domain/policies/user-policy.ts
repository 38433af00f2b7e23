import { type Actor, covers, coversScope } from "../auth/actor";
import type { Role } from "../auth/roles";

/** Roles that may manage accounts, and which roles each may hand out. */
const grantable: Partial<Record<Role, Role[]>> = {
  system_admin: [
    "province_office",
    "city_office",
    "county_office",
    "lead_department",
    "cooperating_department",
    "township_station",
    "grid_worker",
    "committee_member",
    "service_provider",
    "auditor",
    "system_admin",
  ],
  province_office: [
    "city_office",
    "county_office",
    "lead_department",
    "cooperating_department",
    "township_station",
    "grid_worker",
    "committee_member",
    "service_provider",
  ],
  city_office: [
    "county_office",
    "lead_department",
    "cooperating_department",
    "township_station",
    "grid_worker",
    "committee_member",
    "service_provider",
  ],
  county_office: [
    "lead_department",
    "cooperating_department",
    "township_station",
    "grid_worker",
    "committee_member",
    "service_provider",
  ],
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
  return grantable[actor.role] ?? [];
}
