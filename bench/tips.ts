/**
 * Public tips (issue 12, R28), over real HTTP against the app listening on 127.0.0.1:
 *  - `tip_js_gz_kb`: the JavaScript the /tip page loads (every /assets/*.js it names), gzipped (budget 80);
 *  - `tip_first_load_ms`: a fresh phone opens /tip on emulated slow 3G with the CPU slowed 4× (as
 *    bench/field.ts measures /m, bench/phone-link.ts) until the form takes input (budget < 4 s);
 *  - a burst of 1,000 tips from 1,000 sources in 10 s (one every 10 ms, open loop, sent from a worker thread
 *    so the client has its own event loop): each request leaves from its own loopback address (127.0.x.y),
 *    because the limiter keys on `req.ip` (the socket's address; no trusted proxy configured): `tips_per_s`
 *    accepted, `p99_ms` (budget < 200);
 *  - `limited`: 1,000 tips from one source with the configured count per hour (the default, 5): how many
 *    were refused (429) — should be 1,000 − 5;
 *  - `open311_p95_ms`: GET /open311/v2/requests.json with the standard filters (jurisdiction_id, status,
 *    service_code, start_date/end_date, limit) over `open311_cases` cases that came from tips, filled by
 *    bench-kit's `bulkInsert` (as bench/queue.ts: on SQLite with the indexes dropped and rebuilt; on
 *    PostgreSQL with BENCH_DATABASE_URL, multi-row inserts). Budget p95 < 50.
 * The check (proof of work) of each tip is solved before the burst, at `pow_bits` (lower than the default 16
 * so 2,000 solutions take seconds, not minutes: the server's cost of checking one is a single hash at any
 * setting). Sizes: BENCH_TIPS (1000), BENCH_TIP_CASES (1,000,000).
 * Run: `npm run bench -- tips` — prints one line of JSON.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import { migrateToLatest } from "../db/migrate";
import { tipRegions } from "../db/queries/tip-queries";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { tipKindCodes } from "../domain/tip/tip-kinds";
import { buildApp } from "../server/app";
import { systemClock } from "../server/clock";
import { leadingZeroBits } from "../server/commands/tips/proof-of-work";
import { testConfig } from "../server/config";
import type { Deps } from "../server/deps";
import { tipFields, tipMultipart } from "../server/routes/tip-test-kit";
import { loadTestRegions, seedTestWorld } from "../server/test/fixtures";
import { launchBrowser } from "../test/e2e/e2e-harness";
import { bulkInsert, openBenchDatabase } from "./bench-kit";
import { interactiveMark, loadUntilInteractive, throttle } from "./phone-link";
import { caseColumns, caseRows } from "./queue";

const TIPS = Number(process.env.BENCH_TIPS ?? 1000);
const CASES = Number(process.env.BENCH_TIP_CASES ?? 1_000_000);
const BURST_MS = 10_000;
const POW_BITS = 10;
const PER_SOURCE = 5; // SAFEGRID_TIP_RATE_PER_HOUR's default
const OPEN311_RUNS = 300;

/** The n-th loopback source address (127.0.1.0 …), never 127.0.0.1 (the single source of `limited`). */
const source = (n: number) => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;

function send(
  url: string,
  opts: { method: string; headers?: Record<string, string | number>; body?: Buffer; from: string },
): Promise<{ status: number; body: string; ms: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method, headers: opts.headers, localAddress: opts.from, agent: false },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          data += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data, ms: performance.now() - t }));
      },
    );
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** A ready multipart tip: a challenge fetched from the server (from `from`) and solved. */
async function readyTip(url: string, from: string, i: number) {
  const got = await send(`${url}/api/v1/public/tips/challenge`, { method: "GET", from });
  const { challenge, bits } = JSON.parse(got.body) as { challenge: string; bits: number };
  let nonce = 0;
  while (leadingZeroBits(challenge, String(nonce)) < bits) nonce++;
  const m = tipMultipart({
    ...tipFields({ description: `基准测试举报 ${i}：饭店后厨液化气钢瓶放在地下室` }),
    challenge,
    nonce: String(nonce),
  });
  return { headers: m.headers as Record<string, string>, body: m.payload as Buffer };
}

/**
 * The burst, sent from a worker thread (bench/tips-burst-worker.mjs) so that the client does not share the
 * server's event loop: tip i leaves at i × `spacingMs`.
 */
async function burstFromWorker(
  url: string,
  tips: { headers: Record<string, string>; body: Buffer; from: string }[],
  spacingMs: number,
) {
  const worker = new Worker(new URL("./tips-burst-worker.mjs", import.meta.url), {
    workerData: { url, tips, spacingMs },
  });
  const out = await new Promise<{ results: { status: number; ms: number }[]; seconds: number }>(
    (resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    },
  );
  await worker.terminate();
  return out;
}

/** The form takes input when its description field does (it is built once the form's choices arrived). */
const tipReady = "#tip-description";

/**
 * A fresh phone (390×844, nothing cached) opens /tip on Chromium's emulated slow 3G with the CPU slowed 4×:
 * ms from navigation start until the form takes input (the page's own mark), and the same through
 * Playwright's first fill.
 */
async function tipPageOnSlowLink(url: string) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await context.addInitScript({ content: interactiveMark(tipReady) });
    const page = await context.newPage();
    await throttle(page, true);
    return await loadUntilInteractive(page, url, tipReady);
  } finally {
    await browser.close();
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * q))] * 10) / 10;
};

const tipColumns = [
  "id",
  "tracking_hash",
  "case_id",
  "county_code",
  "kind",
  "address",
  "happened_at",
  "real_name",
  "created_at",
];
const col = (name: string) => caseColumns.indexOf(name);

/** Cases that came from tips, with their tips (every case a tip: the widest the Open311 list can be). */
function* tipCases(counties: string[], now: number) {
  const [id, number, county, source, category, reported] = [
    "id",
    "number",
    "county_code",
    "source",
    "category",
    "reported_at",
  ].map(col);
  let i = 0;
  for (const r of caseRows(counties, now, CASES)) {
    const kind = tipKindCodes[i % tipKindCodes.length];
    r[id] = `bench-c${i}`;
    r[number] = `B${r[number]}`; // never a number the app would give (its numbers start with the county code)
    r[source] = "public_tip";
    r[category] = kind;
    yield [r, [`bench-t${i}`, `bench-h${i}`, r[id], r[county], kind, "和平镇东街", null, 0, r[reported]]];
    i++;
  }
}

export async function run() {
  const bench = await openBenchDatabase("tips");
  const { database, dir } = bench;
  await migrateToLatest(database);
  await loadTestRegions(database);
  const base = testConfig({ dataDir: dir });
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    config: { ...base, tips: { ...base.tips, perSourcePerHour: PER_SOURCE, powBits: POW_BITS } },
    calendar: createWorkingCalendar(),
  };
  await seedTestWorld(deps);
  const counties = (await tipRegions(deps.db)).map((c) => c.code);
  const now = Date.now();
  const t0 = performance.now();
  await bulkInsert(
    bench,
    [
      { name: "case_record", columns: caseColumns },
      { name: "tip", columns: tipColumns },
    ],
    tipCases(counties, now),
  );
  const fillSeconds = Math.round((performance.now() - t0) / 1000);
  if (!fs.existsSync(path.join(deps.config.webDist, "tip.html")))
    throw new Error(
      "web/dist/tip.html is missing: run `npm run build` first (tip_js_gz_kb reads the built page)",
    );
  const app = await buildApp(deps, { serveWeb: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    // 1. the /tip page's JavaScript, as served
    const html = (await send(`${url}/tip`, { method: "GET", from: "127.0.0.1" })).body;
    const scripts = [...new Set(html.match(/\/assets\/[^"]+\.js/g) ?? [])];
    if (scripts.length === 0) throw new Error(`/tip names no script: ${html.slice(0, 200)}`);
    let gz = 0;
    for (const src of scripts) {
      const js = await send(`${url}${src}`, { method: "GET", from: "127.0.0.1" });
      gz += zlib.gzipSync(Buffer.from(js.body, "utf8")).length;
    }

    // 1b. the /tip page on a phone on slow 3G (as bench/field.ts measures /m): until the form takes input
    const slowLoad = await tipPageOnSlowLink(`${url}/tip`);

    // 2. the burst: TIPS sources, one tip each, one every BURST_MS / TIPS ms
    const ready = [];
    for (let i = 0; i < TIPS; i++) ready.push(await readyTip(url, source(i), i));
    const burstRun = await burstFromWorker(
      `${url}/api/v1/public/tips`,
      ready.map((tip, i) => ({ ...tip, from: source(i) })),
      BURST_MS / TIPS,
    );
    const burst = burstRun.results;
    const burstSeconds = burstRun.seconds;
    const accepted = burst.filter((r) => r.status === 201).length;
    const statuses: Record<string, number> = {};
    for (const r of burst) statuses[r.status] = (statuses[r.status] ?? 0) + 1;

    // 3. one source, TIPS valid tips one after another
    const single = [];
    for (let i = 0; i < TIPS; i++) single.push(await readyTip(url, "127.0.0.1", i));
    const fromOne: number[] = [];
    for (const tip of single)
      fromOne.push(
        (await send(`${url}/api/v1/public/tips`, { method: "POST", ...tip, from: "127.0.0.1" })).status,
      );

    // 4. Open311 GET requests with the standard filters (each from its own source: its budget is per source)
    const day = 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
    const kinds = tipKindCodes;
    const filters = (i: number) => {
      const county = counties[i % counties.length];
      const end = now - (i % 365) * day;
      switch (i % 4) {
        case 0:
          return `jurisdiction_id=${county}&status=open&service_code=${kinds[i % kinds.length]}&start_date=${iso(end - 30 * day)}&end_date=${iso(end)}`;
        case 1:
          return `jurisdiction_id=${county}&status=closed&start_date=${iso(end - 7 * day)}&end_date=${iso(end)}&limit=100`;
        case 2:
          return `service_code=${kinds[i % kinds.length]}&start_date=${iso(end - 90 * day)}&end_date=${iso(end)}&limit=50`;
        default:
          return `jurisdiction_id=${county}&limit=100`; // no dates: the last 90 days, as the spec suggests
      }
    };
    const o311: number[] = [];
    let rows = 0;
    for (let i = 0; i < OPEN311_RUNS + 20; i++) {
      const r = await send(`${url}/open311/v2/requests.json?${filters(i)}`, {
        method: "GET",
        from: source(TIPS + (i % 200)),
      });
      if (r.status !== 200) throw new Error(`open311 ${filters(i)}: ${r.status} ${r.body.slice(0, 200)}`);
      if (i >= 20) {
        o311.push(r.ms);
        rows += (JSON.parse(r.body) as unknown[]).length;
      }
    }
    return {
      dialect: database.dialect,
      tip_js_gz_kb: Math.round((gz / 1024) * 10) / 10,
      tip_js_files: scripts.length,
      tip_first_load_ms: slowLoad.ms,
      tip_first_load_driver_ms: slowLoad.driverMs,
      tip_phone_link: "400 kbit/s down and up, 400 ms RTT, CPU 4x (bench/phone-link.ts)",
      tips: TIPS,
      sources: TIPS,
      burst_seconds: Math.round(burstSeconds * 10) / 10,
      tips_per_s: Math.round((accepted / burstSeconds) * 10) / 10,
      accepted,
      burst_statuses: statuses,
      p50_ms: quantile(
        burst.map((r) => r.ms),
        0.5,
      ),
      p99_ms: quantile(
        burst.map((r) => r.ms),
        0.99,
      ),
      per_source_per_hour: PER_SOURCE,
      limited: fromOne.filter((s) => s === 429).length,
      single_source_accepted: fromOne.filter((s) => s === 201).length,
      pow_bits: POW_BITS,
      open311_cases: CASES,
      open311_target_cases: 1_000_000,
      fill_seconds: fillSeconds,
      open311_runs: OPEN311_RUNS,
      open311_avg_rows: Math.round(rows / OPEN311_RUNS),
      open311_p95_ms: quantile(o311, 0.95),
      load_average_1m: Math.round(os.loadavg()[0] * 10) / 10,
    };
  } finally {
    await app.close();
    await database.close();
    await bench.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "tips", ...r }));
    process.exit(0);
  });
}
