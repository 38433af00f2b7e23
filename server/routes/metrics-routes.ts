import cluster from "node:cluster";
import { randomUUID, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { poolUsage } from "../../db/db";
import { oldestUnmarkedOverdue, trailLength } from "../../db/queries/metrics-queries";
import { deliveryBacklog } from "../../db/queries/notification-delivery-queries";
import { AppError } from "../../domain/errors";
import type { MetricsAccess } from "../config";
import type { Deps } from "../deps";
import { deliveryTotals } from "../jobs/delivery-job";

/** IPC between a cluster worker answering a scrape and the primary that aggregates every worker. */
export const metricsRequest = "safegrid:metrics-request";
export const metricsReply = "safegrid:metrics-reply";

const loopback = (address: string | undefined) =>
  !!address && (/^127\./.test(address) || address === "::1" || /^::ffff:127\./.test(address));

/**
 * `SAFEGRID_METRICS`: `local` answers only a client on this host that did not come through a proxy
 * (a request carrying forwarding headers is refused: a reverse proxy on the same host would otherwise
 * make every outside client look local); `token:<secret>` wants `Authorization: Bearer <secret>`.
 */
export function metricsAllowed(access: MetricsAccess, req: FastifyRequest): boolean {
  if (access.mode === "off") return false;
  if (access.mode === "local") {
    const forwarded = ["x-forwarded-for", "forwarded", "x-real-ip"].some((h) => req.headers[h] !== undefined);
    return !forwarded && loopback(req.socket.remoteAddress);
  }
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const want = Buffer.from(access.token);
  return given.length === want.length && timingSafeEqual(given, want);
}

const secondsSince = (now: Date, iso: string | null) =>
  iso ? Math.max(0, (now.getTime() - Date.parse(iso)) / 1000) : 0;

async function readBacklog(deps: Deps) {
  const now = deps.clock.now();
  const b = await deliveryBacklog(deps.db, now);
  return {
    pending: b.pending,
    oldestPendingSeconds: secondsSince(now, b.oldestDueAt),
    failed: b.failed,
    deadlineLagSeconds: secondsSince(now, await oldestUnmarkedOverdue(deps.db, now)),
    trail: await trailLength(deps.db),
  };
}

/** This process's metrics: requests per route pattern, the job backlog read from the database, the pool. */
function processMetrics(deps: Deps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // One read of the database per scrape, shared by the gauges below (they are collected concurrently).
  // The gauges' collect() calls of one scrape come together: the first reads, the last lets go.
  const gauges = 5;
  let snapshot: ReturnType<typeof readBacklog> | null = null;
  let reads = 0;
  const readErrors = new Counter({
    name: "safegrid_metrics_database_errors_total",
    help: "Scrapes whose database readings (backlog, lag, trail) failed",
    registers: [registry],
  });
  const backlog = () => {
    snapshot ??= readBacklog(deps).catch((err) => {
      readErrors.inc();
      throw err;
    });
    const read = snapshot;
    if (++reads === gauges) {
      snapshot = null;
      reads = 0;
    }
    return read;
  };
  const gauge = (name: string, help: string, pick: (b: Awaited<ReturnType<typeof readBacklog>>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      // The same database for every worker: the cluster shows one worker's reading, not their sum.
      aggregator: "first",
      async collect() {
        // While the database cannot be read the gauge keeps its last value (see the error counter).
        const b = await backlog().catch(() => null);
        if (b) this.set(pick(b));
      },
    });
  gauge(
    "safegrid_delivery_pending",
    "Webhook and SMS deliveries due and not yet delivered",
    (b) => b.pending,
  );
  gauge(
    "safegrid_delivery_oldest_pending_seconds",
    "How long the oldest due delivery has waited (0: none waiting)",
    (b) => b.oldestPendingSeconds,
  );
  gauge(
    "safegrid_delivery_failed_rows",
    "Deliveries given up after the last attempt (or refused by the outbound rules)",
    (b) => b.failed,
  );
  gauge(
    "safegrid_deadline_job_lag_seconds",
    "Since when the oldest passed deadline not yet marked overdue has passed (0: the deadline job is up to date)",
    (b) => b.deadlineLagSeconds,
  );
  gauge("safegrid_trail_events", "Rows in the trail (the highest event id)", (b) => b.trail);
  const seen: Record<string, number> = {};
  new Counter({
    name: "safegrid_delivery_attempts_total",
    help: "Delivery attempts by this process by outcome (delivered, retried, failed, notSent) and endpoint pauses",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      for (const [k, v] of Object.entries(deliveryTotals)) {
        if (v > (seen[k] ?? 0)) this.inc({ outcome: k }, v - (seen[k] ?? 0));
        seen[k] = v;
      }
    },
  });
  const pool = (
    name: string,
    help: string,
    pick: (u: { total: number; idle: number; waiting: number }) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const u = poolUsage(deps.db);
        if (u) this.set(pick(u));
      },
    });
  if (!poolUsage(deps.db)) return registry;
  pool("safegrid_db_pool_connections", "PostgreSQL connections open in the pool", (u) => u.total);
  pool("safegrid_db_pool_idle", "PostgreSQL connections open and idle", (u) => u.idle);
  pool("safegrid_db_pool_waiting", "Queries waiting for a PostgreSQL connection", (u) => u.waiting);
  return registry;
}

/** In a cluster worker: ask the primary for every worker's metrics together. */
function fromPrimary(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off("message", onReply);
      reject(new Error("metrics: the primary did not answer"));
    }, 10_000);
    const onReply = (msg: { type?: string; id?: string; text?: string; error?: string }) => {
      if (msg?.type !== metricsReply || msg.id !== id) return;
      clearTimeout(timer);
      process.off("message", onReply);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg.text ?? "");
    };
    process.on("message", onReply);
    process.send!({ type: metricsRequest, id });
  });
}

/**
 * `/metrics` for Prometheus (not under /api/v1: not in the access matrix). Declared `public` for the
 * auth hook; the handler applies `SAFEGRID_METRICS` itself (off: the route does not exist). Request
 * counts and latencies are labelled by route pattern, never the raw URL. Call before the routes are
 * registered, so the hooks see every route.
 */
export function registerMetrics(app: FastifyInstance, deps: Deps) {
  // Test mode only: which worker answered (the cluster test); never in production responses.
  if (process.env.NODE_ENV === "test" && cluster.isWorker)
    app.addHook("onRequest", async (_req, reply) => {
      reply.header("x-safegrid-worker", String(process.pid));
    });
  const access = deps.config.metrics;
  if (access.mode === "off") return;
  const registry = processMetrics(deps);
  if (cluster.isWorker) {
    new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
    AggregatorRegistry.setRegistries([registry]);
  }
  const requests = new Counter({
    name: "safegrid_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "safegrid_http_request_duration_seconds",
    help: "Time to answer, by method and route pattern",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get("/metrics", { config: { access: "public" }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(access, req))
      throw new AppError(access.mode === "token" ? "unauthenticated" : "not_found");
    const text = cluster.isWorker && process.send ? await fromPrimary() : await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}
