import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type DepartmentLike = { regionCode: string };

/**
 * Offices and administrators keep the departments of their jurisdiction; everyone in scope may read them.
 * Who works in a department (names only, e.g. to name a case's handler) is for its own people and those
 * who keep it. The rules are the access table's (`access-table.ts`).
 */
export const departmentPolicy = {
  read: (actor: Actor, d: DepartmentLike) => can(actor, "department", "read", d),
  manage: (actor: Actor, d: DepartmentLike) => can(actor, "department", "manage", d),
  members: (actor: Actor, d: DepartmentLike & { id: string }) => can(actor, "department", "members", d),
};

export const departmentGate = routeGates("department");
