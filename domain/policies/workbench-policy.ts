import { routeGates } from "./access-table";

/** The workbench: each user's own counts, month figures and activity (no row: the role decides). */
export const workbenchGate = routeGates("workbench");
