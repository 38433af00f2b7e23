import { scanCases, setDeadlineState, setRecheckReminded } from "../../db/queries/case-job-queries";
import { caseToColumns, rowToCase, updateCaseVersioned } from "../../db/queries/case-queries";
import { insertEvent, lockChains } from "../../db/queries/event-queries";
import { transition } from "../../domain/case/case-machine";
import { AppError } from "../../domain/errors";
import { chainOf } from "../../domain/trail/trail-root";
import { levelAbove } from "../commands/cases/act-on-case";
import { tallyCaseStep } from "../commands/cases/case-step-tally";
import { notifyCase } from "../commands/notifications/notify-case";
import type { Deps } from "../deps";

export interface DeadlineJobReport {
  dueSoon: number;
  overdue: number;
  escalated: number;
  recheckReminded: number;
}

/** Warning window before a deadline ("due soon"), as in `deadlineStatus`. */
export const dueSoonMs = 4 * 3_600_000;
const batch = 50;

async function markDueSoon(deps: Deps, now: Date): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const rows = await scanCases(tx, "due_soon", now, new Date(now.getTime() + dueSoonMs), batch);
    await setDeadlineState(
      tx,
      rows.map((r) => r.id),
      "due_soon",
    );
    for (const r of rows)
      await notifyCase(tx, { kase: rowToCase(r), kind: "case.due_soon", at: now, actorId: null });
    return rows.length;
  });
}

/** Overdue: mark, tell the holding department, and escalate (督办) to the office of the level above. */
async function escalateOverdue(deps: Deps, now: Date): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    // The chains' locks before the row locks (the lock order of the case commands): learn the counties
    // first, lock their chains, then lock the rows; a row of another chain waits for the next pass.
    const chains = new Set(
      (await scanCases(tx, "overdue", now, now, batch, false)).map((r) => chainOf(r.regionCode)),
    );
    await lockChains(tx, chains);
    const rows = (await scanCases(tx, "overdue", now, now, batch)).filter((r) =>
      chains.has(chainOf(r.regionCode)),
    );
    for (const r of rows) {
      const kase = rowToCase(r);
      const reason = "超过办理期限未办结，系统自动督办";
      const result = transition(kase, "escalate", { actor: { id: "system" }, now, input: { reason } });
      const level = levelAbove(r.escalationLevel);
      const next = { ...kase, ...result.next };
      const updated = await updateCaseVersioned(
        tx,
        r.id,
        r.version,
        { ...caseToColumns(result.next), deadlineState: "overdue", escalationLevel: level },
        now.toISOString(),
      );
      if (!updated) throw new AppError("conflict");
      await tallyCaseStep(deps, tx, kase, { action: "escalate", at: now.toISOString(), due: null });
      await insertEvent(
        tx,
        null,
        {
          action: "case.escalated",
          subjectType: "case",
          subjectId: r.id,
          regionCode: r.regionCode,
          data: {
            from: r.stage,
            to: r.stage,
            comment: reason,
            automatic: true,
            level,
            overdueStage: r.stage,
            deadline: r.deadline,
          },
        },
        now,
      );
      await notifyCase(tx, { kase: next, kind: "case.overdue", at: now, actorId: null });
      await notifyCase(tx, {
        kase: next,
        kind: "case.escalated",
        at: now,
        actorId: null,
        escalationLevel: level,
        data: { automatic: true },
      });
    }
    return rows.length;
  });
}

/** 复查早提醒: re-checks due within one working day are reminded to the re-checkers of the region. */
async function remindRechecks(deps: Deps, now: Date): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const rows = await scanCases(tx, "recheck_due", now, new Date(now.getTime() + 4 * 86_400_000), batch);
    const due = rows.filter(
      (r) => deps.calendar.workingHoursBetween(now, new Date(r.deadline!)) <= deps.calendar.hoursPerDay,
    );
    await setRecheckReminded(
      tx,
      due.map((r) => r.id),
      now.toISOString(),
    );
    for (const r of due)
      await notifyCase(tx, { kase: rowToCase(r), kind: "case.recheck_due", at: now, actorId: null });
    return due.length;
  });
}

/** One pass of the deadline job; loops over batches until nothing is left (bounded by `maxBatches`). */
export async function runDeadlineJob(deps: Deps, maxBatches = 20): Promise<DeadlineJobReport> {
  const report: DeadlineJobReport = { dueSoon: 0, overdue: 0, escalated: 0, recheckReminded: 0 };
  const now = deps.clock.now();
  for (let i = 0; i < maxBatches; i++) {
    const n = await escalateOverdue(deps, now);
    report.overdue += n;
    report.escalated += n;
    if (n < batch) break;
  }
  for (let i = 0; i < maxBatches; i++) {
    const n = await markDueSoon(deps, now);
    report.dueSoon += n;
    if (n < batch) break;
  }
  for (let i = 0; i < maxBatches; i++) {
    const n = await remindRechecks(deps, now);
    report.recheckReminded += n;
    if (n < batch) break;
  }
  return report;
}
