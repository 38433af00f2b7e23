import { envAreas, parseWith } from "../../config-schema";

/**
 * Settings of the closed loop a deployment may change (environment, read once at start):
 * SAFEGRID_RECHECK_MAX_DISTANCE_M   a re-check farther than this from the site is flagged (default 300)
 * SAFEGRID_RECURRENCE_DAYS          window of the recurrence rule (default 90)
 * SAFEGRID_RECURRENCE_COUNT         cases of one site and category within the window that escalate (default 3)
 */
export interface CaseSettings {
  recheckMaxDistanceM: number;
  recurrenceWindowDays: number;
  recurrenceThreshold: number;
}

/** Reads them through the configuration schema: a bad value stops the start, naming the variable. */
export function readCaseSettings(env: NodeJS.ProcessEnv = process.env): CaseSettings {
  const e = parseWith(envAreas.cases, env);
  return {
    recheckMaxDistanceM: e.SAFEGRID_RECHECK_MAX_DISTANCE_M,
    recurrenceWindowDays: e.SAFEGRID_RECURRENCE_DAYS,
    recurrenceThreshold: e.SAFEGRID_RECURRENCE_COUNT,
  };
}

export const caseSettings: CaseSettings = readCaseSettings();
