import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type PrintActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
const handbook = routeGates("handbook");
const printable = routeGates("printable");

/**
 * The printables (issue 14), by the access table's `handbook` and `printable` rules: a handbook is read
 * within or above its township or county and kept by the offices, the lead department and the township
 * station there; duty cards and grid maps are printed by those roles for a region in their scope.
 */
export const printPolicy = {
  readGate: handbook.read,
  read: (actor: PrintActor, regionCode: string) => can(actor, "handbook", "read", { regionCode }),
  manageGate: handbook.manage,
  manage: (actor: PrintActor, regionCode: string) => can(actor, "handbook", "manage", { regionCode }),
  printGate: printable.print,
  print: (actor: PrintActor, regionCode: string) => can(actor, "printable", "print", { regionCode }),
};
