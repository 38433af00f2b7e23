import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Fastify from "fastify";
import { sql } from "kysely";
import type { Database } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { preferPrepared } from "../db/pg-statements";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { defaultCountyDepartments } from "../domain/department/department-kinds";
import { buildApp } from "../server/app";
import { systemClock } from "../server/clock";
import { inWriteTransaction } from "../server/commands/cases/write-batch";
import { createDepartment } from "../server/commands/departments/save-department";
import { type Config, testConfig } from "../server/config";
import type { Deps } from "../server/deps";
import { loadTestRegions, seedTestWorld, testPassword } from "../server/test/fixtures";
import { openBenchDatabase } from "./bench-kit";

const CONNECTIONS = 50;
/** Counties the intake load spreads over (issue 10: many counties, so PostgreSQL can commit in parallel). */
const COUNTIES = Number(process.env.BENCH_COUNTIES ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export interface BenchWorld {
  deps: Deps;
  cpuSeconds: () => Promise<{ node: number; db: number | null }>;
  database: Database;
  url: string;
  departments: Record<string, string>;
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A migrated database with the test world (榆中县, one user per role), the app listening on 127.0.0.1:0. */
export async function benchWorld(): Promise<BenchWorld> {
  const { database, dir, drop, cpuSeconds } = await openBenchDatabase("intake", { poolSize: 20 });
  await migrateToLatest(database);
  await loadTestRegions(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    config: withSessionCacheFromEnv(testConfig({ dataDir: dir })),
    calendar: createWorkingCalendar(),
  };
  const world = await seedTestWorld(deps);
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  return {
    deps,
    cpuSeconds,
    database,
    url,
    departments: world.departments["620123"],
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(`${url}/api/v1/auth/login`, "POST", { username, password: testPassword });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
      const token = JSON.parse(res.body).token as string;
      tokens.set(username, token);
      return token;
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** One HTTP request on the shared keep-alive agent. */
export function request(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          data += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * `connections` keep-alive connections POSTing `body` to `url` for `seconds`, from a worker thread
 * (bench/load-worker.mjs) so that the client does not share the server's event loop.
 */
export async function load(url: string, body: unknown, token: string | undefined, seconds: number) {
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
    workerData: { url, body, token, seconds, connections: CONNECTIONS },
  });
  const out = await new Promise<{ latencies: number[]; errors: number; elapsed: number }>(
    (resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    },
  );
  await worker.terminate();
  const latencies = out.latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    count: latencies.length,
    perSecond: latencies.length / out.elapsed,
    p50: q(0.5),
    p99: q(0.99),
    errors: out.errors,
  };
}

/** The report a grid worker files in the benchmarks: a gas hazard at a point in a village of 榆中县. */
export const reportBody = {
  source: "grid_worker",
  type: "general_hazard",
  category: "gas",
  description: "餐馆后厨液化气钢瓶存放在地下室，未安装燃气报警器",
  location: { lng: 104.1146, lat: 35.8457 },
  regionCode: "620123100001",
};

/**
 * `n` counties of Gansu (榆中县 first), each given the default departments (a lead one) when the test
 * world has none there, so that a report can be filed in any of them.
 */
export async function benchCounties(deps: Deps, n: number): Promise<string[]> {
  const rows = await deps.db
    .selectFrom("region")
    .select(["code", "name"])
    .where("level", "=", "county")
    .orderBy("code")
    .execute();
  const picked = [
    ...rows.filter((r) => r.code === "620123"),
    ...rows.filter((r) => r.code !== "620123" && r.code.startsWith("62")),
  ].slice(0, n);
  const staffed = new Set(
    (
      await deps.db.selectFrom("department").select("regionCode").where("gridRole", "=", "lead").execute()
    ).map((d) => d.regionCode),
  );
  for (const county of picked.filter((c) => !staffed.has(c.code)))
    for (const d of defaultCountyDepartments(county.name))
      await createDepartment(deps, null, {
        regionCode: county.code,
        name: d.name,
        kind: d.kind,
        gridRole: d.role,
      });
  return picked.map((c) => c.code);
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** `SAFEGRID_SESSION_CACHE=0 npm run bench -- intake`: the same run without the session cache (an A/B). */
const withSessionCacheFromEnv = (config: Config): Config => ({
  ...config,
  auth: { ...config.auth, sessionCache: process.env.SAFEGRID_SESSION_CACHE !== "0" },
});

export async function run() {
  // The 1-minute load average at the start and the end: on a shared machine the figures move with it.
  const loadBefore = os.loadavg()[0];
  const world = await benchWorld();
  // The baseline: a bare Fastify route inserting one row into the same database.
  await sql`create table bench_baseline (id text primary key, body text not null, at text not null)`.execute(
    world.deps.db,
  );
  // Two bare routes, and the faster one is the baseline (the best bare insert this database can do at
  // the same durability): one autocommitted insert per request, and the same insert group-committed the
  // way case commands are (inWriteTransaction, a chain per county so that batches run in parallel lanes).
  // Both send it as a prepared statement on PostgreSQL, as the hot case queries are.
  const bare = Fastify();
  let n = 0;
  const insertBare = (db: typeof world.deps.db, body: unknown) => {
    const q = sql`insert into bench_baseline (id, body, at) values (${`b${++n}`}, ${JSON.stringify(body)}, ${new Date().toISOString()})`;
    preferPrepared(q.compile(db).sql);
    return q.execute(db);
  };
  bare.post("/bare", async (req) => {
    await insertBare(world.deps.db, req.body);
    return { id: n };
  });
  bare.post("/bare-group", async (req) => {
    const county = String((req.body as { regionCode?: string }).regionCode ?? "").slice(0, 6);
    await inWriteTransaction(world.deps.db, (tx) => insertBare(tx, req.body), county ? [county] : []);
    return { id: n };
  });
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
  const counties = COUNTIES > 1 ? await benchCounties(world.deps, COUNTIES) : [];
  // Many counties: the province office reports in each of them in turn (one report body per county).
  const token = await world.token(counties.length ? "province" : "worker");
  const body = counties.length ? counties.map((regionCode) => ({ ...reportBody, regionCode })) : reportBody;
  // Warm up both paths (JIT, statement caches), then measure the baseline and intake in the same run.
  const casesUrl = `${world.url}/api/v1/cases`;
  await load(bareUrl, body, undefined, 1);
  await load(`${bareUrl}-group`, body, undefined, 1);
  await load(casesUrl, body, token, 1);
  const autocommit = await load(bareUrl, body, undefined, SECONDS);
  const cpu0 = await world.cpuSeconds();
  const grouped = await load(`${bareUrl}-group`, body, undefined, SECONDS);
  const cpu1 = await world.cpuSeconds();
  const baseline = grouped.perSecond >= autocommit.perSecond ? grouped : autocommit;
  const intake = await load(casesUrl, body, token, SECONDS);
  const cpu2 = await world.cpuSeconds();
  // CPU milliseconds per request: this process (server and load client) and the database's backends.
  const perRequest = (a: number | null, b: number | null, n: number) =>
    a === null || b === null || n === 0 ? null : round(((b - a) * 1000) / n, 3);
  const chain = await import("../db/queries/event-queries").then((m) => m.verifyTrail(world.deps.db));
  await bare.close();
  await world.close();
  return {
    dialect: world.database.dialect,
    connections: CONNECTIONS,
    counties: Math.max(1, counties.length),
    seconds: SECONDS,
    cases: intake.count,
    cases_per_s: round(intake.perSecond),
    baseline_inserts_per_s: round(baseline.perSecond),
    baseline_kind: baseline === grouped ? "group-committed" : "autocommit",
    baseline_autocommit_per_s: round(autocommit.perSecond),
    baseline_group_per_s: round(grouped.perSecond),
    ratio: round(intake.perSecond / baseline.perSecond, 3),
    p50_ms: round(intake.p50),
    p99_ms: round(intake.p99),
    baseline_p99_ms: round(baseline.p99),
    errors: intake.errors + autocommit.errors + grouped.errors,
    trail_verified: chain.ok,
    load_avg_1m: [round(loadBefore, 2), round(os.loadavg()[0], 2)],
    cpu_ms_per_case: {
      node: perRequest(cpu1.node, cpu2.node, intake.count),
      db: perRequest(cpu1.db, cpu2.db, intake.count),
    },
    cpu_ms_per_insert: {
      node: perRequest(cpu0.node, cpu1.node, grouped.count),
      db: perRequest(cpu0.db, cpu1.db, grouped.count),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "intake", ...r }));
    process.exit(0);
  });
}
