/**
 * Webhook delivery (issue 10 item 5): one process's delivery job against a local receiver (a separate
 * process on 127.0.0.1, allow-listed as an operator would), under the unchanged outbound rules (address
 * checks, timeouts, one connection per call, only the status kept).
 * All through the job runner's delivery pump, as the server runs it:
 *  - burst: BENCH_DELIVERIES (default 5,000) due deliveries over 20 webhooks → `deliveries_per_s`;
 *  - steady: deliveries added at BENCH_STEADY_RATE per second (default 300) for 6 s → `p95_ms` from a
 *    delivery's creation to its arrival at the receiver;
 *  - slow: the burst once more without (reference), then with a 21st webhook that answers after 5 s
 *    (24 deliveries) → the other 20 webhooks' rate while it holds its requests, against the reference.
 * SQLite file database by default; PostgreSQL when BENCH_DATABASE_URL is set. Bounded (< 60 s).
 * Run: `npm run bench -- delivery` — prints one line of JSON.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { migrateToLatest } from "../db/migrate";
import { insertDeliveries, type NewDelivery } from "../db/queries/notification-delivery-queries";
import { insertWebhook } from "../db/queries/notification-webhook-queries";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { parseAllowList } from "../domain/outbound/outbound-rules";
import { systemClock } from "../server/clock";
import { testConfig } from "../server/config";
import type { Deps } from "../server/deps";
import { defaultDeliveryLimits } from "../server/jobs/delivery-job";
import { startJobRunner } from "../server/jobs/job-runner";
import { openBenchDatabase, p95 } from "./bench-kit";

const BURST = Number(process.env.BENCH_DELIVERIES ?? 5_000);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 300);
const STEADY_SECONDS = 6;
const HOOKS = 20;
const SLOW_ROWS = 24;

/** The receiver: answers 200 at once (or after 5 s under /slow), keeps per-path counts and latencies. */
const receiverCode = `
const http = require("node:http");
let stats = {};
const at = (p) => (stats[p] ??= { n: 0, first: 0, last: 0, lat: [] });
http.createServer((req, res) => {
  if (req.url === "/stats") { res.end(JSON.stringify(stats)); stats = {}; return; }
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const now = Date.now();
    const key = req.url.startsWith("/slow") ? "slow" : "fast";
    const s = at(key);
    s.n++; s.first ||= now; s.last = now;
    try { s.lat.push(now - JSON.parse(body).t); } catch {}
    if (key === "slow") setTimeout(() => res.end("ok"), 5000); else res.end("ok");
  });
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });
`;

interface PathStats {
  n: number;
  first: number;
  last: number;
  lat: number[];
}

async function startReceiver(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["-e", receiverCode], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (d) => resolve(String(d).trim())),
  );
  return { child, base: `http://127.0.0.1:${port}` };
}

async function stats(base: string): Promise<Record<string, PathStats>> {
  return (await fetch(`${base}/stats`)).json() as Promise<Record<string, PathStats>>;
}

export async function run() {
  const { database, dir, drop } = await openBenchDatabase("delivery", { poolSize: 10 });
  await migrateToLatest(database);
  const { child, base } = await startReceiver();
  const { invalid: _i, ...allow } = parseAllowList("127.0.0.1");
  const config = testConfig({ dataDir: dir });
  config.outbound = { ...config.outbound, allow };
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    config,
    calendar: createWorkingCalendar(),
  };
  const at = new Date().toISOString();
  const hook = async (id: string, urlPath: string) => {
    await insertWebhook(deps.db, {
      id,
      regionCode: "620123",
      departmentId: null,
      url: `${base}${urlPath}`,
      secret: "s".repeat(64),
      events: JSON.stringify(["case.reported"]),
      active: 1,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    });
  };
  for (let h = 0; h < HOOKS; h++) await hook(`bench-${h}`, `/fast/${h}`);
  await hook("bench-slow", "/slow");
  const rows = (count: number, hooks: string[]): NewDelivery[] =>
    Array.from({ length: count }, (_, i) => {
      const now = new Date();
      return {
        channel: "webhook",
        kind: "case.reported",
        caseId: null,
        userId: null,
        webhookId: hooks[i % hooks.length],
        target: base,
        payload: JSON.stringify({ t: now.getTime(), case: { id: `c-${i}` } }),
        status: "pending",
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        createdAt: now.toISOString(),
      };
    });
  const fastHooks = Array.from({ length: HOOKS }, (_, h) => `bench-${h}`);
  /** Waits until no due row is left (of the fast webhooks only, when asked), at most 45 s. */
  const drained = async (fastOnly = false) => {
    const until = performance.now() + 45_000;
    while (performance.now() < until) {
      let q = deps.db
        .selectFrom("notificationDelivery")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "pending");
      if (fastOnly) q = q.where("webhookId", "<>", "bench-slow");
      if (Number((await q.executeTakeFirstOrThrow()).n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("deliveries not drained within 45 s");
  };
  // The job runner's delivery pump, as the server runs it (the minute jobs do not come round in a run).
  const runner = () => startJobRunner(deps, { sms: null, deliveryPollMs: 20 });

  try {
    // Burst.
    await insertDeliveries(deps.db, rows(BURST, fastHooks));
    let jobs = runner();
    const t0 = performance.now();
    await drained();
    const burstSeconds = (performance.now() - t0) / 1000;
    await jobs.stop();
    const burst = (await stats(base)).fast;
    const burstFailed = Number(
      (
        await deps.db
          .selectFrom("notificationDelivery")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("lastError", "is not", null)
          .executeTakeFirstOrThrow()
      ).n,
    );

    // Steady load.
    jobs = runner();
    const perTick = Math.max(1, Math.round(STEADY_RATE / 10));
    for (let tick = 0; tick < STEADY_SECONDS * 10; tick++) {
      await insertDeliveries(deps.db, rows(perTick, fastHooks));
      await new Promise((r) => setTimeout(r, 100));
    }
    await drained();
    await jobs.stop();
    const steady = (await stats(base)).fast;

    // The same burst again, warm (the reference for the slow case).
    await insertDeliveries(deps.db, rows(BURST, fastHooks));
    jobs = runner();
    await drained();
    await jobs.stop();
    const warm = (await stats(base)).fast;
    const warmRate = warm.n / Math.max(0.001, (warm.last - warm.first) / 1000);

    // Burst with one slow endpoint among the fast ones: the rate of the fast ones until all arrived.
    await insertDeliveries(deps.db, [...rows(SLOW_ROWS, ["bench-slow"]), ...rows(BURST, fastHooks)]);
    jobs = runner();
    await drained(true);
    const slowCase = await stats(base);
    await jobs.stop();
    const fastSeconds = (slowCase.fast.last - slowCase.fast.first) / 1000;
    return {
      dialect: deps.dialect,
      deliveries: BURST,
      webhooks: HOOKS,
      concurrency: defaultDeliveryLimits.concurrency,
      per_endpoint: defaultDeliveryLimits.perEndpoint,
      deliveries_per_s: Math.round(burst.n / burstSeconds),
      // First to last arrival at the receiver; the same again warm (the slow case's reference).
      burst_receiver_per_s: Math.round(burst.n / Math.max(0.001, (burst.last - burst.first) / 1000)),
      warm_burst_receiver_per_s: Math.round(warmRate),
      burst_failed: burstFailed,
      steady_offered_per_s: STEADY_RATE,
      steady_delivered: steady?.n ?? 0,
      p95_ms: p95(steady?.lat ?? []),
      slow_endpoint: {
        answers_after_ms: 5000,
        slow_deliveries: SLOW_ROWS,
        others_deliveries_per_s: Math.round(slowCase.fast.n / Math.max(0.001, fastSeconds)),
        // The fast ones' rate against the same burst without the slow endpoint, just before (1 = unaffected).
        others_vs_without_slow:
          Math.round((slowCase.fast.n / Math.max(0.001, fastSeconds) / warmRate) * 100) / 100,
        others_delivered: slowCase.fast.n,
        // Requests the slow endpoint had received when the fast ones were done.
        slow_received: slowCase.slow?.n ?? 0,
      },
    };
  } finally {
    child.kill();
    await database.close();
    await drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await run()));
  process.exit(0);
}
