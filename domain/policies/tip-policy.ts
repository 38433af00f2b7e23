import { routeGates } from "./access-table";

/** Gates of the public tips' console routes (the rules are the access table's `tip` rows). */
export const tipGate = routeGates("tip");
