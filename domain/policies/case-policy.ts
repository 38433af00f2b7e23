import { routeGates } from "./access-table";

/** The case routes' gates; the row checks are `casePolicy` in domain/case/case-policy.ts, on the same table. */
export const caseGate = routeGates("case");
export const evidenceGate = routeGates("evidence");
