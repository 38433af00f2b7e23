import {
  claimDueDeliveries,
  type DeliveryRow,
  recordDeliveryAttempt,
} from "../../db/queries/notification-delivery-queries";
import { findWebhook } from "../../db/queries/notification-webhook-queries";
import type { Deps } from "../deps";
import {
  expectSuccess,
  OutboundError,
  type OutboundFailure,
  outboundRequest,
  type Resolver,
} from "../outbound/outbound-request";
import type { SmsSender } from "./sms-sender";
import { signWebhook } from "./webhook-signature";

export const maxDeliveryAttempts = 8;
/** Failures a retry cannot cure: marked failed at once. */
const finalFailures: OutboundFailure[] = ["inactive", "invalid_url", "blocked_address"];
const claimMs = 2 * 60_000;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … */
export const backoffMinutes = (attempts: number) => 2 ** Math.max(0, attempts - 1);

export interface DeliveryOptions {
  /** The SMS gateway; null when none is configured (SMS rows become `not_sent_no_gateway`). */
  sms: SmsSender | null;
  /** Host-name resolver for webhooks (tests inject one). */
  resolve?: Resolver;
}

export interface DeliveryJobReport {
  delivered: number;
  retried: number;
  failed: number;
  notSent: number;
}

async function sendWebhook(deps: Deps, d: DeliveryRow, opts: DeliveryOptions, now: Date): Promise<number> {
  const hook = d.webhookId ? await findWebhook(deps.db, d.webhookId) : undefined;
  if (hook?.active !== 1) throw new OutboundError("inactive");
  const body = JSON.stringify({ id: d.id, ...JSON.parse(d.payload) });
  const ts = Math.floor(now.getTime() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "SafeGrid-Webhook/1",
    "x-safegrid-event": d.kind,
    "x-safegrid-delivery": String(d.id),
    "x-safegrid-timestamp": String(ts),
    "x-safegrid-signature": signWebhook(hook.secret, ts, body),
  };
  return expectSuccess(
    outboundRequest(hook.url, { method: "POST", headers, body }, deps.config.outbound, opts.resolve),
  );
}

/**
 * Sends due SMS and webhook deliveries. Rows are claimed first (several processes never send the same
 * row); a failure is retried with exponential backoff and marked failed after `maxDeliveryAttempts`.
 */
export async function runDeliveryJob(
  deps: Deps,
  opts: DeliveryOptions,
  limit = 50,
): Promise<DeliveryJobReport> {
  const report: DeliveryJobReport = { delivered: 0, retried: 0, failed: 0, notSent: 0 };
  const now = deps.clock.now();
  const rows = await deps.db.transaction().execute((tx) => claimDueDeliveries(tx, now, claimMs, limit));
  await Promise.all(
    rows.map(async (d) => {
      const attempts = d.attempts + 1;
      if (d.channel === "sms" && !opts.sms) {
        await recordDeliveryAttempt(deps.db, d.id, {
          status: "not_sent_no_gateway",
          attempts: d.attempts,
          nextAttemptAt: now.toISOString(),
          lastStatusCode: null,
          lastError: null,
          deliveredAt: null,
        });
        report.notSent++;
        return;
      }
      try {
        let status: number | null = null;
        if (d.channel === "sms")
          await opts.sms!.send(d.target, (JSON.parse(d.payload) as { text: string }).text);
        else status = await sendWebhook(deps, d, opts, now);
        await recordDeliveryAttempt(deps.db, d.id, {
          status: d.channel === "sms" ? "sent" : "delivered",
          attempts,
          nextAttemptAt: now.toISOString(),
          lastStatusCode: status,
          lastError: null,
          deliveredAt: deps.clock.now().toISOString(),
        });
        report.delivered++;
      } catch (err) {
        // Only a fixed category and the status code are kept: nothing the remote side wrote.
        const e = err instanceof OutboundError ? err : new OutboundError("network");
        const final = finalFailures.includes(e.category) || attempts >= maxDeliveryAttempts;
        await recordDeliveryAttempt(deps.db, d.id, {
          status: final ? "failed" : "pending",
          attempts,
          nextAttemptAt: new Date(now.getTime() + backoffMinutes(attempts) * 60_000).toISOString(),
          lastStatusCode: e.status,
          lastError: e.category,
          deliveredAt: null,
        });
        if (final) report.failed++;
        else report.retried++;
      }
    }),
  );
  return report;
}
