import {
  claimDueDeliveries,
  type DeliveryAttempt,
  type DeliveryRow,
  recordDeliveryAttempts,
  releaseDeliveries,
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
import { EndpointHealth, endpointOf, endpointTrouble } from "./endpoint-health";
import type { SmsSender } from "./sms-sender";
import { signWebhook } from "./webhook-signature";

export const maxDeliveryAttempts = 8;
/** Failures a retry cannot cure: marked failed at once. */
const finalFailures: OutboundFailure[] = ["inactive", "invalid_url", "blocked_address"];
const claimMs = 2 * 60_000;
const flushAt = 64;
const flushMs = 50;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … */
export const backoffMinutes = (attempts: number) => 2 ** Math.max(0, attempts - 1);

export interface DeliveryOptions {
  /** The SMS gateway; null when none is configured (SMS rows become `not_sent_no_gateway`). */
  sms: SmsSender | null;
  /** Host-name resolver for webhooks (tests inject one). */
  resolve?: Resolver;
  /** Per-endpoint backoff kept across passes (the job runner keeps one per process). */
  endpoints?: EndpointHealth;
  /** Concurrency and batch sizes (defaults: `defaultDeliveryLimits` and the configuration). */
  limits?: Partial<DeliveryLimits>;
}

export interface DeliveryLimits {
  /** Sends in flight in this process. */
  concurrency: number;
  /** Sends in flight to one endpoint (a webhook, or the SMS gateway). */
  perEndpoint: number;
  /** Rows per claim. */
  batch: number;
  /** Claims in flight at once. */
  claims: number;
  /** Rows one pass takes at most (the runner starts the next pass at once when a pass was busy). */
  maxPerPass: number;
}

export const defaultDeliveryLimits: DeliveryLimits = {
  concurrency: 64,
  perEndpoint: 8,
  batch: 100,
  claims: 2,
  maxPerPass: 5_000,
};

/** Totals of this process since it started (read by /metrics). */
export const deliveryTotals = { delivered: 0, retried: 0, failed: 0, notSent: 0, endpointPauses: 0 };

export interface DeliveryJobReport {
  delivered: number;
  retried: number;
  failed: number;
  notSent: number;
  /** Rows claimed in this pass (0: nothing was due). */
  claimed: number;
}

type WebhookRow = Awaited<ReturnType<typeof findWebhook>>;

async function sendWebhook(
  deps: Deps,
  d: DeliveryRow,
  opts: DeliveryOptions,
  now: Date,
  hooks: Map<string, Promise<WebhookRow>>,
): Promise<number> {
  let found = d.webhookId ? hooks.get(d.webhookId) : undefined;
  if (d.webhookId && !found) {
    // Read once per pass (a webhook switched off stops receiving at the next pass at the latest).
    found = findWebhook(deps.db, d.webhookId);
    hooks.set(d.webhookId, found);
  }
  const hook = await found;
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

type Outcome = keyof Omit<DeliveryJobReport, "claimed">;

/**
 * One delivery pass. Due rows are claimed in batches (SKIP LOCKED on PostgreSQL: several processes and
 * several claims in flight never take the same row) and sent concurrently: at most `concurrency` sends in
 * this process and `perEndpoint` to any one endpoint. An endpoint whose queue here is full, or which is
 * backing off after a failure, is left out of the next claims and its surplus rows are given back, so a
 * slow or failing endpoint never holds up the others. A failed row is retried with exponential backoff
 * (minutes) and marked failed after `maxDeliveryAttempts`. Results are written in batched transactions.
 */
export function runDeliveryJob(deps: Deps, opts: DeliveryOptions): Promise<DeliveryJobReport> {
  return new DeliveryPass(deps, opts, null).run();
}

export interface DeliveryPump {
  /** Settles when the pump has stopped (after `stop()`: the sends in flight finished and were recorded). */
  done: Promise<DeliveryJobReport>;
  /** Stop claiming; the sends in flight finish and their results are written. */
  stop(): void;
}

/**
 * Deliveries without pass boundaries (what the job runner runs): like a pass, but it never ends by itself —
 * when nothing is due it looks again after `pollMs` — so a send to a slow endpoint never delays the start
 * of the next batch. Rejects on a database error (the runner starts another after a pause).
 */
export function startDeliveryPump(deps: Deps, opts: DeliveryOptions, pollMs: number): DeliveryPump {
  const pass = new DeliveryPass(deps, opts, pollMs);
  return { done: pass.run(), stop: () => pass.stop() };
}

class DeliveryPass {
  private readonly limits: DeliveryLimits;
  private readonly health: EndpointHealth;
  private readonly report: DeliveryJobReport = {
    delivered: 0,
    retried: 0,
    failed: 0,
    notSent: 0,
    claimed: 0,
  };
  private readonly queues = new Map<string, DeliveryRow[]>();
  private readonly inflight = new Map<string, number>();
  private sending = 0;
  private queued = 0;
  private claiming = 0;
  private claimingRows = 0;
  private dry = false;
  /**
   * Bumped whenever rows may have become claimable (rows given back, a slot of a full endpoint freed): a
   * short claim that started before such an event does not prove that nothing is left (on PostgreSQL it
   * skipped the rows still locked by the release).
   */
  private epoch = 0;
  private error: unknown = null;
  private results: { id: number; patch: DeliveryAttempt }[] = [];
  private releases: number[] = [];
  private flushing: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushDue = false;
  private readonly hooks = new Map<string, Promise<WebhookRow>>();
  private hooksReadAt = performance.now();
  private stopping = false;
  private pollTimer: NodeJS.Timeout | undefined;

  /** `pollMs` null: one pass (ends when nothing is due or `maxPerPass` rows were handled). */
  constructor(
    private readonly deps: Deps,
    private readonly opts: DeliveryOptions,
    private readonly pollMs: number | null,
  ) {
    this.limits = { ...defaultDeliveryLimits, ...deps.config.delivery, ...opts.limits };
    this.health = opts.endpoints ?? new EndpointHealth();
  }

  stop() {
    this.stopping = true;
    clearTimeout(this.pollTimer);
    this.notify();
  }

  async run(): Promise<DeliveryJobReport> {
    try {
      return await this.loop();
    } finally {
      clearTimeout(this.pollTimer);
      clearTimeout(this.flushTimer);
    }
  }

  private async loop(): Promise<DeliveryJobReport> {
    const L = this.limits;
    const continuous = this.pollMs !== null;
    const budget = () => continuous || this.report.claimed + this.claimingRows < L.maxPerPass;
    for (;;) {
      if (!this.error) {
        this.dispatch();
        while (
          !this.dry &&
          !this.stopping &&
          this.claiming < L.claims &&
          budget() &&
          this.queued + this.claimingRows < L.batch
        )
          this.claim();
        // Nothing due now: look again after a pause (rows added since, pauses that ended).
        if (continuous && this.dry && !this.stopping && !this.pollTimer)
          this.pollTimer = setTimeout(() => {
            this.pollTimer = undefined;
            this.reveal();
            this.notify();
          }, this.pollMs!);
        this.pollTimer?.unref();
      }
      this.flush();
      const idle = this.sending === 0 && this.claiming === 0 && !this.flushing;
      const done = this.error || this.stopping || (!continuous && (this.dry || !budget())) || L.batch <= 0;
      if (
        idle &&
        (this.queued === 0 || this.error) &&
        done &&
        this.results.length + this.releases.length === 0
      )
        break;
      await new Promise<void>((r) => {
        this.wake = r;
      });
    }
    if (this.error) {
      // Rows still queued here are given back (if the database lets us; else their claim expires).
      await releaseDeliveries(this.deps.db, this.drainQueues()).catch(() => {});
      throw this.error;
    }
    return this.report;
  }

  private notify() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private reveal() {
    this.dry = false;
    this.epoch++;
  }

  private full(endpoint: string): boolean {
    const q = this.queues.get(endpoint)?.length ?? 0;
    return q + (this.inflight.get(endpoint) ?? 0) >= 2 * this.limits.perEndpoint;
  }

  private claim() {
    const now = this.deps.clock.now();
    // Webhooks are read once per pass, and at least every 5 s by a pump.
    if (performance.now() - this.hooksReadAt > 5_000) {
      this.hooks.clear();
      this.hooksReadAt = performance.now();
    }
    const busy = new Set(this.health.pausedAt(now.getTime()));
    for (const k of this.queues.keys()) if (this.full(k)) busy.add(k);
    const exclude = {
      sms: busy.has("sms"),
      webhookIds: [...busy].filter((k) => k.startsWith("webhook:")).map((k) => k.slice(8)),
    };
    const n =
      this.pollMs !== null
        ? this.limits.batch
        : Math.min(this.limits.batch, this.limits.maxPerPass - this.report.claimed - this.claimingRows);
    const epoch = this.epoch;
    this.claiming++;
    this.claimingRows += n;
    this.deps.db
      .transaction()
      .execute((tx) => claimDueDeliveries(tx, now, claimMs, n, exclude))
      .then((rows) => {
        this.report.claimed += rows.length;
        if (rows.length < n && epoch === this.epoch) this.dry = true;
        for (const d of rows) this.enqueue(d, now.getTime());
      })
      .catch((err) => {
        this.error ??= err;
      })
      .finally(() => {
        this.claiming--;
        this.claimingRows -= n;
        this.notify();
      });
  }

  private enqueue(d: DeliveryRow, now: number) {
    const key = endpointOf(d);
    if (this.full(key) || this.health.paused(key, now)) {
      // Given back, not handled: it does not count against the pass's budget.
      this.report.claimed--;
      this.releases.push(d.id);
      return;
    }
    const q = this.queues.get(key) ?? [];
    q.push(d);
    this.queues.set(key, q);
    this.queued++;
  }

  private drainQueues(): number[] {
    const ids = [...this.queues.values()].flat().map((d) => d.id);
    this.queues.clear();
    this.queued = 0;
    return ids;
  }

  private dispatch() {
    for (const [key, q] of this.queues) {
      while (q.length && this.sending < this.limits.concurrency) {
        const busy = this.inflight.get(key) ?? 0;
        if (busy >= this.limits.perEndpoint) break;
        const d = q.shift()!;
        this.queued--;
        this.sending++;
        this.inflight.set(key, busy + 1);
        void this.send(d).finally(() => {
          const wasFull = this.full(key);
          this.sending--;
          this.inflight.set(key, (this.inflight.get(key) ?? 1) - 1);
          // A slot of an endpoint the claims left out is free again: look for its rows once more.
          if (wasFull) this.reveal();
          this.notify();
        });
      }
      if (q.length === 0) this.queues.delete(key);
    }
  }

  /**
   * Results are written in batches: at once when `flushAt` are waiting or nothing is in flight, otherwise
   * at most `flushMs` later (each write is a commit; on SQLite a commit waits for the disk).
   */
  private flush() {
    const waiting = this.results.length + this.releases.length;
    if (this.flushing || waiting === 0) return;
    if (waiting < flushAt && this.sending > 0 && !this.flushDue) {
      this.flushTimer ??= setTimeout(() => {
        this.flushDue = true;
        this.notify();
      }, flushMs);
      return;
    }
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushDue = false;
    const results = this.results;
    const releases = this.releases;
    this.results = [];
    this.releases = [];
    this.flushing = Promise.all([
      recordDeliveryAttempts(this.deps.db, results),
      releaseDeliveries(this.deps.db, releases),
    ])
      .then(() => {
        // Rows given back are claimable again (their endpoint may have room by now).
        if (releases.length) this.reveal();
      })
      .catch((err) => {
        this.error ??= err;
      })
      .finally(() => {
        this.flushing = null;
        this.notify();
      });
  }

  private record(d: DeliveryRow, outcome: Outcome, patch: DeliveryAttempt) {
    this.report[outcome]++;
    deliveryTotals[outcome]++;
    this.results.push({ id: d.id, patch });
  }

  private async send(d: DeliveryRow) {
    const { deps, opts } = this;
    const now = deps.clock.now();
    const attempts = d.attempts + 1;
    const key = endpointOf(d);
    if (d.channel === "sms" && !opts.sms) {
      this.record(d, "notSent", {
        status: "not_sent_no_gateway",
        attempts: d.attempts,
        nextAttemptAt: now.toISOString(),
        lastStatusCode: null,
        lastError: null,
        deliveredAt: null,
      });
      return;
    }
    try {
      let status: number | null = null;
      if (d.channel === "sms")
        await opts.sms!.send(d.target, (JSON.parse(d.payload) as { text: string }).text);
      else status = await sendWebhook(deps, d, opts, now, this.hooks);
      this.health.succeeded(key);
      this.record(d, "delivered", {
        status: d.channel === "sms" ? "sent" : "delivered",
        attempts,
        nextAttemptAt: now.toISOString(),
        lastStatusCode: status,
        lastError: null,
        deliveredAt: deps.clock.now().toISOString(),
      });
    } catch (err) {
      // Only a fixed category and the status code are kept: nothing the remote side wrote.
      const e = err instanceof OutboundError ? err : new OutboundError("network");
      const final = finalFailures.includes(e.category) || attempts >= maxDeliveryAttempts;
      if (endpointTrouble(e)) this.pause(key);
      this.record(d, final ? "failed" : "retried", {
        status: final ? "failed" : "pending",
        attempts,
        nextAttemptAt: new Date(now.getTime() + backoffMinutes(attempts) * 60_000).toISOString(),
        lastStatusCode: e.status,
        lastError: e.category,
        deliveredAt: null,
      });
    }
  }

  /** The endpoint backs off: its rows queued here go back untouched (attempts unchanged). */
  private pause(key: string) {
    this.health.failed(key, this.deps.clock.now().getTime());
    deliveryTotals.endpointPauses++;
    const q = this.queues.get(key);
    if (!q) return;
    this.queued -= q.length;
    this.report.claimed -= q.length;
    this.releases.push(...q.map((d) => d.id));
    this.queues.delete(key);
  }
}
