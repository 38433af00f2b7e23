import { routeGates } from "./access-table";

/** Route gates of task kinds, task records and training sessions (rules: access-table.ts). */
export const taskKindGate = routeGates("taskKind");
export const taskRecordGate = routeGates("taskRecord");
export const trainingGate = routeGates("training");
