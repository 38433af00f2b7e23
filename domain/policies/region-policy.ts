import { routeGates } from "./access-table";

/** Regions are reference data for every signed-in account; boundaries are kept by offices and administrators. */
export const regionGate = routeGates("region");
