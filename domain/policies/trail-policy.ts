import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

/**
 * Who may check the integrity of the trail and read trail rows: the audit administrator and the offices,
 * for their jurisdiction (rows are scoped by their region code: `inScope` over the actor's scope in SQL,
 * `covers` for one row). The system administrator does not read the audit trail (三员分立).
 */
export const trailPolicy = {
  verify: (actor: Actor) => can(actor, "trail", "read", {}),
  /** The trail browser (filters, paging; rows of the actor's jurisdiction). */
  read: (actor: Actor) => can(actor, "trail", "read", {}),
  /** The export of the filtered rows (with a stated reason, see domain/classification). */
  export: (actor: Actor) => can(actor, "trail", "export", {}),
};

export const trailGate = routeGates("trail");
