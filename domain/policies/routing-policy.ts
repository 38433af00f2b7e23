import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

/** Everywhere-rules belong to province-wide system administrators; a region's rules to the offices covering it. */
export const routingPolicy = {
  read: (actor: Actor) => can(actor, "routingRule", "read", {}),
  manage: (actor: Actor, rule: { regionPrefix: string }) => can(actor, "routingRule", "manage", rule),
};

export const routingGate = routeGates("routingRule");
