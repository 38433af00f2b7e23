/**
 * The field app's outbox replayed at once (issue 9, "a county's morning"): 10,000 case reports made offline,
 * each with idempotencyKey = its outbox item id, sent over HTTP to the real server listening on 127.0.0.1
 * by 50 keep-alive connections from a worker thread; half the items are sent twice at the same moment on
 * two sockets (the phone retrying while the first try is still on the wire). Three field accounts share the
 * items. Duplicates are counted in the database: cases per item (each item's description is unique).
 * `items_per_cpu_s` divides by the CPU time this process (server and client thread) used, which a loaded
 * machine does not shrink the way it shrinks the wall-clock rate. SQLite file database by default,
 * PostgreSQL when BENCH_DATABASE_URL is set.
 * Run: `npm run bench -- field-replay` — prints one line of JSON.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { verifyTrail } from "../db/queries/event-queries";
import { benchWorld, reportBody } from "./intake";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export async function run() {
  const world = await benchWorld();
  const users = ["worker", "committee", "station"];
  const tokens = await Promise.all(users.map((u) => world.token(u)));
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const id = randomUUID();
    return {
      token: tokens[i % tokens.length],
      twice: i % 2 === 0,
      payload: JSON.stringify({
        ...reportBody,
        description: `离线上报第 ${i} 条：${id}`,
        idempotencyKey: id,
      }),
    };
  });
  const url = `${world.url}/api/v1/cases`;
  // Warm-up (JIT, statement caches, sessions) on items of their own, not counted.
  await replay(url, warmup(tokens), CONNECTIONS);
  const before = await countCases(world);
  const cpu = process.cpuUsage();
  const out = await replay(url, items, CONNECTIONS);
  const used = process.cpuUsage(cpu);
  // CPU seconds of this process (server and client thread) during the replay: on a loaded machine the wall
  // clock says how much CPU others took, this says what the replay itself cost.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const made = (await countCases(world)) - before;
  const dup = await sql<{ extra: number | string | null }>`
    select coalesce(sum(n - 1), 0) as extra from (
      select count(*) as n from case_record where description like ${"离线上报第 %"} group by description
    ) d`.execute(world.deps.db);
  const duplicates = Number(dup.rows[0]?.extra ?? 0);
  const chain = await verifyTrail(world.deps.db);
  await world.close();
  const ok = out.statuses["201"] ?? 0;
  return {
    dialect: world.database.dialect,
    items: ITEMS,
    requests: out.requests,
    sent_twice: items.filter((i) => i.twice).length,
    connections: CONNECTIONS,
    seconds: round(out.elapsed, 2),
    replay_items_per_s: round(ITEMS / out.elapsed),
    requests_per_s: round(out.requests / out.elapsed),
    cpu_s: round(cpuSeconds, 2),
    items_per_cpu_s: round(ITEMS / cpuSeconds),
    cases_made: made,
    duplicates,
    answered_201: ok,
    errors: out.requests - ok,
    /** Every answer by status (or a failed connection by its error code); a replay answers 201 like the first. */
    statuses: out.statuses,
    retried_connections: out.retried,
    trail_verified: chain.ok,
  };
}

function warmup(tokens: string[]) {
  return Array.from({ length: 300 }, (_, i) => {
    const id = randomUUID();
    return {
      token: tokens[i % tokens.length],
      twice: i % 2 === 0,
      payload: JSON.stringify({ ...reportBody, description: `预热 ${id}`, idempotencyKey: id }),
    };
  });
}

async function countCases(world: Awaited<ReturnType<typeof benchWorld>>) {
  const r = await world.deps.db
    .selectFrom("caseRecord")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function replay(
  url: string,
  items: { token: string; twice: boolean; payload: string }[],
  connections: number,
) {
  const worker = new Worker(new URL("./field-replay-worker.mjs", import.meta.url), {
    workerData: { url, items, connections },
  });
  const out = await new Promise<{
    statuses: Record<string, number>;
    requests: number;
    elapsed: number;
    retried: number;
  }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "field-replay", ...r }));
    process.exit(0);
  });
}
