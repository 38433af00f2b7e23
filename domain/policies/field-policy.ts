import { routeGates } from "./access-table";

/** The field app's sync routes (issue 9): the work set and resumable uploads. */
export const fieldWorkSetGate = routeGates("fieldWorkSet");
export const uploadGate = routeGates("upload");
