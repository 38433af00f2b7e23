import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type GridLike = { code: string };

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
