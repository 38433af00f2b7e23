import { dialectOf, type Tx } from "../db";
import type { CaseRow } from "./case-queries";

function isPostgres(db: Tx): boolean {
  return dialectOf(db) === "postgres";
}

export type CaseScan = "due_soon" | "overdue" | "recheck_due";

/**
 * Cases the deadline job must act on, oldest deadline first, locked for the caller's transaction. On
 * PostgreSQL rows another process holds are skipped (FOR UPDATE SKIP LOCKED), so several app processes
 * share the work and never act twice on one case; the state written in the same transaction takes the
 * case out of the scan.
 *  - `due_soon`: on time, deadline within the warning window;
 *  - `overdue`: deadline passed and not yet marked overdue;
 *  - `recheck_due`: awaiting re-check, not yet reminded, deadline before `until`.
 */
export function scanCases(
  db: Tx,
  scan: CaseScan,
  now: Date,
  until: Date,
  limit: number,
  lock = true,
): Promise<CaseRow[]> {
  const iso = now.toISOString();
  let q = db.selectFrom("caseRecord").selectAll();
  if (scan === "due_soon")
    q = q
      .where("deadlineState", "=", "on_time")
      .where("deadline", ">=", iso)
      .where("deadline", "<=", until.toISOString());
  else if (scan === "overdue")
    q = q.where("deadlineState", "in", ["on_time", "due_soon"]).where("deadline", "<", iso);
  else
    q = q
      .where("stage", "=", "awaiting_recheck")
      .where("recheckRemindedAt", "is", null)
      .where("deadline", "<=", until.toISOString());
  q = q.orderBy("deadline").limit(limit);
  if (lock && isPostgres(db)) q = q.forUpdate().skipLocked();
  return q.execute();
}

export function setDeadlineState(db: Tx, ids: string[], state: string) {
  if (ids.length === 0) return Promise.resolve();
  return db.updateTable("caseRecord").set({ deadlineState: state }).where("id", "in", ids).execute();
}

export function setRecheckReminded(db: Tx, ids: string[], at: string) {
  if (ids.length === 0) return Promise.resolve();
  return db.updateTable("caseRecord").set({ recheckRemindedAt: at }).where("id", "in", ids).execute();
}
