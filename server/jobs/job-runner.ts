import { purgeIdempotencyKeys } from "../../db/queries/idempotency-queries";
import { purgeStaleUploads } from "../commands/evidence/resumable-upload";
import type { Deps } from "../deps";
import { runAnchorTrailJob } from "./anchor-trail-job";
import { type BackupJobReport, runBackupJob } from "./backup-job";
import { type DeadlineJobReport, runDeadlineJob } from "./deadline-job";
import {
  type DeliveryJobReport,
  type DeliveryOptions,
  type DeliveryPump,
  runDeliveryJob,
  startDeliveryPump,
} from "./delivery-job";
import { EndpointHealth } from "./endpoint-health";
import { smsSenderFrom } from "./sms-sender";

export interface JobRunnerOptions extends Partial<DeliveryOptions> {
  /** How often the jobs run (default one minute). */
  intervalMs?: number;
  /** Idempotency keys are kept this long (default 30 days). */
  keepKeysDays?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Most intervals skipped after failed passes (default 8). */
  maxBackoffIntervals?: number;
  /**
   * Deliveries run continuously (`startDeliveryPump`); when nothing is due the pump looks again after
   * this pause (default 1 s; 0 turns the pump off, deliveries then run only in `runOnce`).
   */
  deliveryPollMs?: number;
}

export interface JobRunner {
  /** One pass of every job (tests call this with a moved clock). */
  runOnce(): Promise<{
    deadlines: DeadlineJobReport;
    deliveries: DeliveryJobReport;
    keysPurged: number;
    anchored: number | null;
    backup: BackupJobReport | null;
    /** Resumable uploads not touched for a day, removed with their partial files. */
    uploadsPurged: number;
  }>;
  /** Stops the timer and waits for a pass in progress (its current batch finishes; no new pass starts). */
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
    sms: opts.sms !== undefined ? opts.sms : smsSenderFrom(deps.config.smsGateway, deps.config.outbound),
    resolve: opts.resolve,
    endpoints: new EndpointHealth(),
    limits: opts.limits,
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
    const uploadsPurged = await purgeStaleUploads(deps);
    return { deadlines, deliveries, keysPurged, anchored, backup, uploadsPurged };
  };

  // After a failed pass (the database restarting, unreachable, a full disk) the next passes are skipped,
  // 1, 2, 4… up to `maxSkip` intervals, then the runner tries again; one good pass resets it.
  let failures = 0;
  let skip = 0;
  const maxSkip = opts.maxBackoffIntervals ?? 8;
  const tick = () => {
    if (current || stopped) return;
    if (skip > 0) {
      skip--;
      return;
    }
    current = runOnce()
      .then(() => {
        if (failures) log(`jobs: pass succeeded again after ${failures} failed`);
        failures = 0;
      })
      .catch((err) => {
        failures++;
        skip = Math.min(maxSkip, 2 ** (failures - 1));
        log(`jobs: pass failed (${failures} in a row), next try in ${skip + 1} intervals`, err);
      })
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();

  // Deliveries: a pump that claims and sends continuously (looking again after `pollMs` when nothing is
  // due); after a database failure it is restarted after a pause that doubles (up to one interval), so
  // an unreachable database is not hammered.
  const pollMs = opts.deliveryPollMs ?? 1_000;
  let delivering: Promise<void> | null = null;
  let pump: DeliveryPump | null = null;
  let pollTimer: NodeJS.Timeout | undefined;
  let deliveryFailures = 0;
  const deliveryLoop = () => {
    if (stopped) return;
    pump = startDeliveryPump(deps, delivery, pollMs);
    delivering = pump.done
      .then(() => {
        deliveryFailures = 0;
        return pollMs;
      })
      .catch((err) => {
        deliveryFailures++;
        log(`deliveries: failed (${deliveryFailures} in a row)`, err);
        return Math.min(opts.intervalMs ?? 60_000, pollMs * 2 ** deliveryFailures);
      })
      .then((wait) => {
        delivering = null;
        pump = null;
        if (stopped) return;
        pollTimer = setTimeout(deliveryLoop, wait);
        pollTimer.unref();
      });
  };
  if (pollMs > 0) {
    pollTimer = setTimeout(deliveryLoop, 0);
    pollTimer.unref();
  }

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(pollTimer);
      pump?.stop();
      await Promise.all([current, delivering]);
    },
  };
}
