import { inPeriod, isValidReport, type Period, type SubjectFacts } from "../assessment";
import { maskAccount, type PayLineAmounts, type PaySettings, payLine, type ValidReport } from "./pay-rules";

/**
 * A county's monthly pay sheet (R20, issue 13.5) as pure arithmetic: one line per grid worker from their
 * month's facts, the sheet's totals in fen, and the workers who block publication (no bank account on file,
 * not excluded with a reason). Performance pay comes only from a published assessment score: without one the
 * line's performance is null ("unavailable") and the sheet's performance total is null, never 0.
 */
export interface PayWorker {
  userId: string;
  name: string;
  regionCode: string;
  employment: "full_time" | "part_time";
  score: number | null;
  reports: ValidReport[];
  missedSites: number;
  bank: { bankName: string; bankAccount: string } | null;
}

export interface PaySheetLine extends PayLineAmounts {
  userId: string;
  name: string;
  regionCode: string;
  employment: "full_time" | "part_time";
  score: number | null;
  missedSites: number;
  bankName: string | null;
  accountMasked: string | null;
  problem: "no_bank_account" | null;
}

export interface PayTotals {
  base: number;
  /** null when no line has a performance amount (no published assessment for the month). */
  performance: number | null;
  rewards: number;
  deductions: number;
  total: number;
}

/** The pay facts of one worker for the month: valid reports made in it, and their grids' sites left unpatrolled. */
export function payFactsOf(f: Pick<SubjectFacts, "reported" | "patrols" | "sites">, p: Period) {
  const reports: ValidReport[] = f.reported
    .filter((c) => inPeriod(c.reportedAt, p) && isValidReport(c))
    .map((c) => ({ caseId: c.id, number: c.number, type: c.type, category: c.category }))
    .sort((a, b) => a.number.localeCompare(b.number));
  const seen = new Set(f.patrols.filter((x) => inPeriod(x.receivedAt, p)).map((x) => x.siteId));
  const missedSites = new Set(f.sites.filter((s) => !seen.has(s.id)).map((s) => s.id)).size;
  return { reports, missedSites };
}

export function paySheetLine(s: PaySettings, w: PayWorker): PaySheetLine {
  return {
    userId: w.userId,
    name: w.name,
    regionCode: w.regionCode,
    employment: w.employment,
    score: w.score,
    missedSites: w.missedSites,
    ...payLine(s, w),
    bankName: w.bank?.bankName ?? null,
    accountMasked: maskAccount(w.bank?.bankAccount ?? null),
    problem: w.bank ? null : "no_bank_account",
  };
}

const fen = (y: number) => Math.round(y * 100);

/** Totals over the lines that are paid (excluded lines left out), summed in fen. */
export function payTotals(
  lines: Pick<PayLineAmounts, "base" | "performance" | "rewards" | "deductions" | "total">[],
): PayTotals {
  let base = 0;
  let performance = 0;
  let anyPerformance = false;
  let rewards = 0;
  let deductions = 0;
  let total = 0;
  for (const l of lines) {
    base += fen(l.base);
    if (l.performance !== null) {
      anyPerformance = true;
      performance += fen(l.performance);
    }
    rewards += fen(l.rewards);
    deductions += fen(l.deductions);
    total += fen(l.total);
  }
  return {
    base: base / 100,
    performance: anyPerformance ? performance / 100 : null,
    rewards: rewards / 100,
    deductions: deductions / 100,
    total: total / 100,
  };
}

/** Workers that block publication: no bank account and not excluded with a reason. */
export const blockingLines = <L extends { problem: string | null; excludedReason: string | null }>(
  lines: L[],
) => lines.filter((l) => l.problem !== null && l.excludedReason === null);
