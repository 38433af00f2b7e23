import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

export const deliveryGate = routeGates("delivery");

type DeliveryLike = { regionCode: string; departmentId: string | null };

export const deliveryPolicy = {
  read: (actor: Actor, d: DeliveryLike) => can(actor, "delivery", "read", d),
  create: (actor: Actor, regionCode: string) =>
    can(actor, "delivery", "create", { regionCode, departmentId: actor.departmentId }),
  manage: (actor: Actor, d: DeliveryLike) => can(actor, "delivery", "manage", d),
  export: (actor: Actor, d: DeliveryLike) => can(actor, "delivery", "export", d),
  /** On one target: its site's region (the grid check is the command's). */
  record: (actor: Actor, target: { regionCode: string }) => can(actor, "delivery", "record", target),
};
