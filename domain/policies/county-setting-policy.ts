import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type SettingActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
const gates = routeGates("countySetting");

/**
 * A county's settings (同人不得闭环 and later ones): read by anyone whose scope is the county, inside it
 * or above it; changed by the safety offices covering the county (county, city, province). The rules are
 * the access table's (`access-table.ts`, `countySetting`).
 */
export const countySettingPolicy = {
  /** Route gate of the read route (the row check narrows it). */
  readGate: gates.read,
  read: (actor: SettingActor, countyCode: string) =>
    can(actor, "countySetting", "read", { regionCode: countyCode }),
  /** Route gate of the change route. */
  manageGate: gates.manage,
  manage: (actor: SettingActor, countyCode: string) =>
    can(actor, "countySetting", "manage", { regionCode: countyCode }),
};
