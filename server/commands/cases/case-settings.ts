import { defaultMaxRecheckDistanceM } from "../../../domain/case/honest-closure";

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

const positive = (v: string | undefined, fallback: number) => {
  const n = v === undefined || v === "" ? Number.NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function readCaseSettings(env: NodeJS.ProcessEnv = process.env): CaseSettings {
  return {
    recheckMaxDistanceM: positive(env.SAFEGRID_RECHECK_MAX_DISTANCE_M, defaultMaxRecheckDistanceM),
    recurrenceWindowDays: positive(env.SAFEGRID_RECURRENCE_DAYS, 90),
    recurrenceThreshold: Math.round(positive(env.SAFEGRID_RECURRENCE_COUNT, 3)),
  };
}

export const caseSettings: CaseSettings = readCaseSettings();
