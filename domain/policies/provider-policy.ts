import { routeGates } from "./access-table";

/** Route gates of the third-party service providers (R27; rules: access-table.ts). */
export const serviceOrgGate = routeGates("serviceOrg");
export const engagementGate = routeGates("engagement");
export const engagedTargetGate = routeGates("engagedTarget");
export const assessmentGate = routeGates("assessment");
export const providerWorkGate = routeGates("providerWork");
