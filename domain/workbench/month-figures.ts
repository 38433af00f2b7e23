import { SHANGHAI_OFFSET_MS } from "../calendar/shanghai-time";

/** The calendar month (Asia/Shanghai) containing `now`, as UTC instants [from, to). */
export function shanghaiMonth(now: Date): { from: string; to: string; label: string } {
  const wall = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth();
  const from = new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS);
  const to = new Date(Date.UTC(y, m + 1, 1) - SHANGHAI_OFFSET_MS);
  return { from: from.toISOString(), to: to.toISOString(), label: `${y}-${String(m + 1).padStart(2, "0")}` };
}

/** Cases reported this month: reported at or after the month's first midnight and before the next. */
export function casesReported(reportedAt: readonly string[], month: { from: string; to: string }): number {
  return reportedAt.filter((at) => at >= month.from && at < month.to).length;
}

/** Cases closed this month: `closedAt` within the month (whenever they were reported). */
export function casesClosed(
  closedAt: readonly (string | null)[],
  month: { from: string; to: string },
): number {
  return closedAt.filter((at) => at !== null && at >= month.from && at < month.to).length;
}

/**
 * Overdue rate of the month = cases reported this month that are overdue (open past their deadline now) /
 * cases reported this month; null when none were reported (no rate, not 0 %).
 */
export function overdueRate(reported: number, overdue: number): number | null {
  if (reported <= 0) return null;
  return Math.round((overdue / reported) * 1000) / 1000;
}
