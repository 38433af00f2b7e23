import {
  claimDueDeliveries,
  type DeliveryRow,
  recordDeliveryAttempt,
} from "../../db/queries/notification-delivery-queries";
import { findWebhook } from "../../db/queries/notification-webhook-queries";
import type { Deps } from "../deps";
import type { SmsSender } from "./sms-sender";
import { signWebhook } from "./webhook-signature";

export const maxDeliveryAttempts = 8;
const claimMs = 2 * 60_000;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … */
export const backoffMinutes = (attempts: number) => 2 ** Math.max(0, attempts - 1);

export interface DeliveryOptions {
  sms: SmsSender;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DeliveryJobReport {
  delivered: number;
  retried: number;
  failed: number;
}

async function sendWebhook(deps: Deps, d: DeliveryRow, opts: DeliveryOptions, now: Date): Promise<number> {
  const hook = d.webhookId ? await findWebhook(deps.db, d.webhookId) : undefined;
  if (hook?.active !== 1) throw Object.assign(new Error("webhook removed or inactive"), { final: true });
  const body = JSON.stringify({ id: d.id, ...JSON.parse(d.payload) });
  const ts = Math.floor(now.getTime() / 1000);
  const res = await (opts.fetch ?? fetch)(hook.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "SafeGrid-Webhook/1",
      "x-safegrid-event": d.kind,
      "x-safegrid-delivery": String(d.id),
      "x-safegrid-timestamp": String(ts),
      "x-safegrid-signature": signWebhook(hook.secret, ts, body),
    },
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300)
    throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
  return res.status;
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
  const report: DeliveryJobReport = { delivered: 0, retried: 0, failed: 0 };
  const now = deps.clock.now();
  const rows = await deps.db.transaction().execute((tx) => claimDueDeliveries(tx, now, claimMs, limit));
  await Promise.all(
    rows.map(async (d) => {
      const attempts = d.attempts + 1;
      try {
        let status: number | null = null;
        if (d.channel === "sms")
          await opts.sms.send(d.target, (JSON.parse(d.payload) as { text: string }).text);
        else status = await sendWebhook(deps, d, opts, now);
        await recordDeliveryAttempt(deps.db, d.id, {
          status: "delivered",
          attempts,
          nextAttemptAt: now.toISOString(),
          lastStatusCode: status,
          lastError: null,
          deliveredAt: deps.clock.now().toISOString(),
        });
        report.delivered++;
      } catch (err) {
        const e = err as Error & { status?: number; final?: boolean };
        const final = e.final === true || attempts >= maxDeliveryAttempts;
        await recordDeliveryAttempt(deps.db, d.id, {
          status: final ? "failed" : "pending",
          attempts,
          nextAttemptAt: new Date(now.getTime() + backoffMinutes(attempts) * 60_000).toISOString(),
          lastStatusCode: e.status ?? null,
          lastError: String(e.message ?? e).slice(0, 500),
          deliveredAt: null,
        });
        if (final) report.failed++;
        else report.retried++;
      }
    }),
  );
  return report;
}
