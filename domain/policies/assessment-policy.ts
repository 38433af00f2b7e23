import { routeGates } from "./access-table";

/** Route gates of assessment, pay, equipment and training plans (rules: access-table.ts, issue 13.4–13.6). */
export const assessmentSchemeGate = routeGates("assessmentScheme");
export const assessmentRunGate = routeGates("assessmentRun");
export const assessmentResultGate = routeGates("assessmentResult");
export const paySettingGate = routeGates("paySetting");
export const payProfileGate = routeGates("payProfile");
export const paySheetGate = routeGates("paySheet");
export const payLineGate = routeGates("payLine");
export const equipmentGate = routeGates("equipment");
export const trainingPlanGate = routeGates("trainingPlan");
