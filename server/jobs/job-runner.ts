import { purgeIdempotencyKeys } from "../../db/queries/idempotency-queries";
import type { Deps } from "../deps";
import { runAnchorTrailJob } from "./anchor-trail-job";
import { type BackupJobReport, runBackupJob } from "./backup-job";
import { type DeadlineJobReport, runDeadlineJob } from "./deadline-job";
import { type DeliveryJobReport, type DeliveryOptions, runDeliveryJob } from "./delivery-job";
import { loggingSmsSender } from "./sms-sender";

export interface JobRunnerOptions extends Partial<DeliveryOptions> {
  /** How often the jobs run (default one minute). */
  intervalMs?: number;
  /** Idempotency keys are kept this long (default 30 days). */
  keepKeysDays?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface JobRunner {
  /** One pass of every job (tests call this with a moved clock). */
  runOnce(): Promise<{
    deadlines: DeadlineJobReport;
    deliveries: DeliveryJobReport;
    keysPurged: number;
    anchored: number | null;
    backup: BackupJobReport | null;
  }>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * The background jobs of the closed loop, in every server process: deadlines (due soon, overdue and
 * escalation, re-check reminders), deliveries (SMS, webhooks), the idempotency-key purge and the trail
 * anchor (a consumer of the event outbox). Passes never
 * overlap within a process; across processes the jobs claim rows with row locks.
 */
export function startJobRunner(deps: Deps, opts: JobRunnerOptions = {}): JobRunner {
  const delivery: DeliveryOptions = {
    sms: opts.sms ?? loggingSmsSender(),
    fetch: opts.fetch,
    timeoutMs: opts.timeoutMs,
  };
  const log = opts.log ?? ((msg, err) => console.error(msg, err));
  const keepMs = (opts.keepKeysDays ?? 30) * 86_400_000;
  let current: Promise<unknown> | null = null;
  let stopped = false;

  const runOnce = async () => {
    const deadlines = await runDeadlineJob(deps);
    const deliveries = await runDeliveryJob(deps, delivery);
    const keysPurged = await purgeIdempotencyKeys(
      deps.db,
      new Date(deps.clock.now().getTime() - keepMs).toISOString(),
    );
    const { anchored } = await runAnchorTrailJob(deps);
    const backup = await runBackupJob(deps);
    return { deadlines, deliveries, keysPurged, anchored, backup };
  };

  const tick = () => {
    if (current || stopped) return;
    current = runOnce()
      .catch((err) => log("jobs: pass failed", err))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (current) await current;
    },
  };
}
