import type { Actor } from "../auth/actor";
import { can, routeGates } from "./access-table";

type StaffLike = { regionCode: string };

/** Grid staff (grid workers and the people named on a grid): who reads them, who sees their phones. */
export const gridWorkerPolicy = {
  read: (actor: Actor, staff: StaffLike) => can(actor, "gridWorker", "read", staff),
  /** Work phones in full for those who work with grid staff; masked for everyone else (service providers). */
  seesPhone: (actor: Actor, staff: StaffLike) => can(actor, "gridWorker", "phone", staff),
};

export const gridWorkerGate = routeGates("gridWorker");
