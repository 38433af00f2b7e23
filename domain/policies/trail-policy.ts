import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

/** Who may check the integrity of the trail and read raw trail rows of their jurisdiction. */
export const trailPolicy = {
  verify: (actor: Actor) => can(actor, "trail", "read", {}),
  read: (actor: Actor) => can(actor, "trail", "read", {}),
};

export const trailGate = routeGates("trail");
