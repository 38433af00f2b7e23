/**
 * The site register's text search (issue 11: "~5 s seen under load"): SITES sites in one county (榆中县)
 * with names, addresses and credit codes as a county's ledger has them, searched through the real HTTP app
 * as the county office does in the console (`GET /api/v1/sites?q=…&pageSize=20`, the register's search box)
 * and as the map's place search does (`pageSize=8`). Queries: two-character Chinese words that match
 * many sites (加油, 超市), brand words (~0.5 %), a road, a whole name, a credit code, a word that matches
 * nothing, one character. Figures: p50/p95/max in ms over RUNS searches one after another, then the same
 * searches from CLIENTS clients at once (p95 under load), and the load average.
 * Run: `node --import tsx bench/site-search.ts` (BENCH_DATABASE_URL for PostgreSQL) — one line of JSON.
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { migrateToLatest } from "../db/migrate";
import { withSearchColumns } from "../db/queries/site-queries";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { seededRandom } from "../domain/geo/seeded-random";
import { usccCheckCharacter } from "../domain/site/uscc";
import { buildApp } from "../server/app";
import { testClock } from "../server/clock";
import { siteRow } from "../server/commands/sites/create-site";
import { testConfig } from "../server/config";
import type { Deps } from "../server/deps";
import { homeCounty, loadTestRegions, seedTestWorld } from "../server/test/fixtures";
import { signInForTest } from "../server/test/sign-in";
import { bulkInsert, openBenchDatabase, p95 } from "./bench-kit";

const SITES = Number(process.env.BENCH_SITES ?? 120_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const CLIENTS = 8;

const brands = [
  "金源",
  "宏达",
  "鑫盛",
  "兴隆",
  "恒通",
  "永丰",
  "瑞祥",
  "华泰",
  "天润",
  "福满",
  "吉祥",
  "聚鑫",
];
const roads = ["兴隆路", "栖云北路", "文成路", "环城东路", "朝阳街", "和平大道", "夏官营街", "金崖路"];
const trades: [string, string][] = [
  ["商贸有限公司", "enterprise"],
  ["建材有限责任公司", "enterprise"],
  ["农业专业合作社", "enterprise"],
  ["食品加工厂", "small_workshop"],
  ["五金店", "small_shop"],
  ["超市", "small_shop"],
  ["家常菜馆", "small_shop"],
  ["汽车修理部", "small_shop"],
  ["KTV", "small_entertainment"],
  ["网吧", "small_entertainment"],
  ["农家乐", "small_shop"],
  ["液化气站", "enterprise"],
  ["加油站", "enterprise"],
];
const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱"];

/** The site table's columns, in the order of the rows below. */
const siteColumns = Object.keys(
  withSearchColumns(siteRow("x", fields("x", "x", "enterprise", null, "620123", "x"), "x")),
).map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

function fields(
  name: string,
  address: string,
  kind: string,
  uscc: string | null,
  regionCode: string,
  contact: string,
) {
  return {
    name,
    kind,
    uscc,
    industryCode: null,
    scale: null,
    ownership: "other",
    riskLevel: null,
    flagLarge: null,
    flagHighGrade: null,
    flagHighRisk: null,
    regionCode,
    address,
    lon: 104.1,
    lat: 35.8,
    contactName: contact,
    contactPhone: null,
    status: "operating",
  };
}

/** A deterministic register of `count` sites spread over the county's villages. */
export function* siteRows(villages: { code: string; name: string; township: string }[], count: number) {
  const rnd = seededRandom(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const now = "2026-12-10T00:00:00.000Z";
  for (let i = 0; i < count; i++) {
    const v = villages[i % villages.length];
    const [trade, kind] = pick(trades);
    const brand = rnd() < 0.5 ? pick(brands) : `${pick(surnames)}${pick(surnames)}`;
    const name =
      kind === "enterprise"
        ? `${rnd() < 0.3 ? "榆中县" : "兰州"}${brand}${i}${trade}`
        : `${pick(surnames)}记${brand}${trade}（${v.name}${i}店）`;
    const address = `甘肃省兰州市榆中县${v.township}${v.name}${pick(roads)}${1 + (i % 300)}号`;
    const first17 = `91${homeCounty}MA${String(i).padStart(7, "0")}`;
    const uscc = kind === "enterprise" ? first17 + usccCheckCharacter(first17) : null;
    const row = withSearchColumns(
      siteRow(`site-${i}`, fields(name, address, kind, uscc, v.code, `${pick(surnames)}经理`), now),
    );
    yield [Object.values(row)];
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
};

export async function run() {
  const bench = await openBenchDatabase("site-search");
  const { database } = bench;
  const clock = testClock();
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    config: testConfig({ dataDir: bench.dir }),
    calendar: createWorkingCalendar(),
  };
  await migrateToLatest(database);
  await loadTestRegions(database);
  await seedTestWorld(deps);
  const app = await buildApp(deps);
  try {
    const regionRows = await database.db
      .selectFrom("region")
      .select(["code", "name", "parentCode"])
      .where("code", "like", `${homeCounty}%`)
      .execute();
    const names = new Map(regionRows.map((r) => [r.code, r.name]));
    const villages = regionRows
      .filter((r) => r.code.length === 12)
      .map((r) => ({ code: r.code, name: r.name, township: names.get(r.code.slice(0, 9)) ?? "" }));
    const t0 = performance.now();
    await bulkInsert(bench, [{ name: "site", columns: siteColumns }], siteRows(villages, SITES));
    // as autovacuum leaves a table after a bulk load (index-only scans need the visibility map)
    if (database.dialect === "postgres") await sql`vacuum analyze site`.execute(database.db);
    const fillSeconds = Math.round((performance.now() - t0) / 1000);
    const someName = `榆中县${brands[1]}`;
    const code = `91${homeCounty}MA0004242`;
    const queries = [
      "加油",
      "加油站",
      "超市",
      brands[3],
      roads[1],
      someName,
      `${brands[0]}1234`,
      code + usccCheckCharacter(code),
      "不存在的名字",
      "站",
      "ktv",
      villages[7].name,
    ];
    const token = await signInForTest(app, clock, "county");
    const headers = { authorization: `Bearer ${token}` };
    const search = async (i: number) => {
      const q = queries[i % queries.length];
      const size = i % 3 === 2 ? 8 : 20;
      const t = performance.now();
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/sites?q=${encodeURIComponent(q)}&pageSize=${size}`,
        headers,
      });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms, q, total: (res.json() as { total: number }).total };
    };
    // semantics: a Chinese substring finds the site (加油 → …加油站)
    const probe = await search(0);
    if (probe.total === 0) throw new Error("加油 found nothing");
    for (let i = 0; i < queries.length; i++) await search(i); // warm-up
    const loadBefore = os.loadavg()[0];
    const serial: number[] = [];
    const byQuery = new Map<string, number[]>();
    const totals: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const r = await search(i);
      serial.push(r.ms);
      byQuery.set(r.q, [...(byQuery.get(r.q) ?? []), r.ms]);
      totals[r.q] = r.total;
    }
    const parallel: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < RUNS) parallel.push((await search(next++)).ms);
      }),
    );
    return {
      dialect: database.dialect,
      sites: SITES,
      fill_seconds: fillSeconds,
      runs: RUNS,
      p50_ms: quantile(serial, 0.5),
      p95_ms: p95(serial),
      max_ms: Math.round(Math.max(...serial)),
      clients: CLIENTS,
      p95_ms_under_load: p95(parallel),
      max_ms_under_load: Math.round(Math.max(...parallel)),
      p95_ms_by_query: Object.fromEntries([...byQuery].map(([q, xs]) => [q, p95(xs)])),
      matches: totals,
      load_avg_1m: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100],
    };
  } finally {
    await app.close();
    await database.close();
    await bench.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "site-search", ...r }));
    process.exit(0);
  });
}
