import type { Actor } from "../../domain/auth/actor";
import { gridWorkerPolicy } from "../../domain/policies/grid-worker-policy";
import { maskPhone } from "../../domain/policies/site-policy";

/**
 * The one place grid staff phones (grid workers, supervision officers, contact leaders) are shown: in full
 * to those the access table lets see them (`gridWorker.phone`), masked for everyone else. Every route that
 * returns grid staff — grids, grid detail, the grid-worker list — goes through here.
 */
export function staffPhone(actor: Actor, staff: { regionCode: string }, phone: string | null): string | null {
  return gridWorkerPolicy.seesPhone(actor, staff) ? phone : maskPhone(phone);
}

/** A grid worker as the staffing pickers list them. */
export function presentGridWorker<
  W extends { id: string; displayName: string; phone: string | null; regionCode: string },
>(actor: Actor, w: W): W {
  return { ...w, phone: staffPhone(actor, w, w.phone) };
}
