import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

/** Safety offices (and administrators, as for the categories) set the time limits of their jurisdiction. */
export const canManageDeadlineRules = (
  actor: Pick<Actor, "id" | "role" | "scope" | "departmentId">,
  regionPrefix: string,
) => can(actor, "deadlineRule", "manage", { regionPrefix });

export const deadlineRuleGate = routeGates("deadlineRule");
