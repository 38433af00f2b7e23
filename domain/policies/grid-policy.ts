import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { can, routeGates } from "./access-table";

type GridLike = { code: string };

/** Roles that draw grids, staff them and import grid layers (R1, R3, R6, R9). */
export const gridManagerRoles: Role[] = [
  "system_admin",
  "province_office",
  "city_office",
  "county_office",
  "lead_department",
  "township_station",
];

/** Roles that watch coverage and staffing (R5, R18): the nav's `coverage` section. */
export const coverageRoles: Role[] = [
  "system_admin",
  "province_office",
  "city_office",
  "county_office",
  "lead_department",
  "township_station",
];

/**
 * Grids are scoped by their code (which starts with the village or township code). A grid worker also
 * reads the grids they serve, wherever their own scope is drawn.
 */
export const gridPolicy = {
  read: (actor: Actor, grid: GridLike, isWorkerOfGrid = false) =>
    can(actor, "grid", "read", grid) || (isWorkerOfGrid && actor.role === "grid_worker"),
  create: (actor: Actor, regionCode: string) => can(actor, "grid", "manage", { code: regionCode }),
  manage: (actor: Actor, grid: GridLike) => can(actor, "grid", "manage", grid),
  coverage: (actor: Actor, regionCode: string) => can(actor, "grid", "coverage", { regionCode }),
};

export const gridGate = routeGates("grid");

export function gridAbilities(actor: Actor, grid: GridLike & { status: string }) {
  const manage = gridPolicy.manage(actor, grid) && grid.status === "active";
  return { update: manage, staff: manage, split: manage, merge: manage, retire: manage };
}
