import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Database } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { tallyLevels } from "../db/queries/case-tally-queries";
import { upsertRegions } from "../db/queries/region-queries";
import { readRegionRows } from "../db/regions/region-data";
import type { Actor } from "../domain/auth/actor";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { seededRandom } from "../domain/geo/seeded-random";
import {
  addTally,
  type CaseTally,
  emptyTally,
  isLate,
  tallyMetrics,
  tallyOfStep,
} from "../domain/indicators/case-tally";
import { regionDashboard } from "../server/commands/dashboard/region-dashboard";
import type { Deps } from "../server/deps";
import { openBenchDatabase, p95, timeRuns } from "./bench-kit";

const CASES = Number(process.env.BENCH_CASES ?? 5_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const categories = ["gas", "fire", "electric", "chemical", "construction", "mining", "traffic", "other"];
const types = ["general_hazard", "violation", "major_hazard"];
const sources = ["grid_worker", "patrol", "public_tip", "department"];
const stagesAt: [string, number][] = [
  ["closed", 0.72],
  ["rejected", 0.05],
  ["reported", 0.02],
  ["triaged", 0.02],
  ["dispatched", 0.03],
  ["handling", 0.1],
  ["awaiting_recheck", 0.05],
  ["rechecked", 0.01],
];
const order = ["reported", "triaged", "dispatched", "handling", "awaiting_recheck", "rechecked", "closed"];
const H = 3_600_000;

const columns = [
  "id",
  "number",
  "county_code",
  "stage",
  "open",
  "source",
  "type",
  "category",
  "description",
  "region_code",
  "evidence_ids",
  "reported_at",
  "lead_department_id",
  "owner_department_id",
  "stage_entered_at",
  "deadline",
  "deadline_state",
  "escalated",
  "late_steps",
  "closed_at",
  "version",
  "created_at",
  "updated_at",
];

/** Cases and, from their generated steps, the rollup (same pure step function as the commands). */
function generate(
  townships: string[],
  now: number,
  tally: Map<string, CaseTally>,
  onRow: (r: unknown[]) => void,
) {
  const rnd = seededRandom(13);
  const iso = (ms: number) => new Date(ms).toISOString();
  const add = (region: string, at: string, d: Partial<CaseTally>, dims: string[][] | null) => {
    const day = at.slice(0, 10); // generated at 02:00 UTC: the UTC date is the Shanghai date
    for (const code of tallyLevels(region))
      for (const [grain, period] of [
        ["d", day],
        ["m", day.slice(0, 7)],
      ])
        for (const [dim, value] of [["", ""], ...(dims ?? [])]) {
          const key = `${code}|${grain}|${period}|${dim}|${value}`;
          const t = tally.get(key) ?? emptyTally();
          addTally(t, d);
          tally.set(key, t);
        }
  };
  for (let i = 0; i < CASES; i++) {
    const town = townships[i % townships.length];
    const region = `${town}${String(1 + Math.floor(rnd() * 20)).padStart(3, "0")}`;
    let x = rnd();
    let stage = "closed";
    for (const [s, p] of stagesAt) {
      if (x < p) {
        stage = s;
        break;
      }
      x -= p;
    }
    const day0 = Math.floor((now - rnd() * 2 * 365 * 86_400_000) / 86_400_000) * 86_400_000 + 2 * H;
    const cat = categories[Math.floor(rnd() * categories.length)];
    const type = types[Math.floor(rnd() * types.length)];
    const source = sources[Math.floor(rnd() * sources.length)];
    const reportedAt = iso(day0);
    add(region, reportedAt, tallyOfStep({ action: "report", at: reportedAt, due: null }), [
      ["category", cat],
      ["type", type],
      ["source", source],
    ]);
    let late = 0;
    const step = (action: string, offsetH: number, dueH: number | null, passed?: boolean) => {
      const at = iso(day0 + offsetH * H);
      const s = {
        action,
        at,
        due: dueH === null ? null : iso(day0 + dueH * H),
        passed,
        reportedAt,
        lateBefore: late > 0,
      };
      if (isLate(s)) late++;
      add(
        region,
        at,
        tallyOfStep(s, (f, t) => (t.getTime() - f.getTime()) / H / 3.4),
        null,
      );
    };
    const reach = stage === "rejected" ? 1 : order.indexOf(stage);
    if (stage === "rejected") step("reject", 3, rnd() < 0.1 ? 2 : 8);
    if (reach >= 1 && stage !== "rejected") step("triage", 3, rnd() < 0.1 ? 2 : 8);
    if (reach >= 2) step("dispatch", 5, null);
    if (reach >= 3) step("accept", 7, 30);
    if (reach >= 4) step("feedback", 48, rnd() < 0.15 ? 40 : 96);
    if (reach >= 5) step("recheck", 60, 120, true);
    if (reach >= 6) step("close", 72, null);
    const open = stage === "closed" || stage === "rejected" ? 0 : 1;
    const deadline = open ? iso(now + (rnd() - 0.7) * 30 * 86_400_000) : null;
    onRow([
      `c${i}`,
      `${town.slice(0, 6)}-${String(i).padStart(8, "0")}`,
      town.slice(0, 6),
      stage,
      open,
      source,
      type,
      cat,
      "液化气钢瓶存放在地下室",
      region,
      "[]",
      reportedAt,
      "dep",
      "dep",
      reportedAt,
      deadline,
      deadline && Date.parse(deadline) < now ? "overdue" : deadline ? "on_time" : "none",
      rnd() < 0.03 ? 1 : 0,
      late,
      stage === "closed" ? iso(day0 + 72 * H) : null,
      1,
      reportedAt,
      reportedAt,
    ]);
  }
}

const snake = (m: string) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const tallyColumns = [
  "region_code",
  "level",
  "grain",
  "period",
  "dim",
  "dim_value",
  ...tallyMetrics.map(snake),
];
const tallyRow = (key: string, t: CaseTally) => {
  const [code, grain, period, dim, value] = key.split("|");
  return [code, code.length, grain, period, dim, value, ...tallyMetrics.map((m) => t[m])];
};

async function fill(database: Database, file: string | null, townships: string[], now: number) {
  const tally = new Map<string, CaseTally>();
  if (file) {
    const db = new SQLite(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const indexes = db
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'case_record' and sql is not null",
      )
      .all() as { name: string; sql: string }[];
    for (const ix of indexes) db.exec(`drop index ${ix.name}`);
    const insert = db.prepare(
      `insert into case_record (${columns.join(",")}) values (${columns.map(() => "?").join(",")})`,
    );
    let batch: unknown[][] = [];
    const flush = db.transaction((rows: unknown[][]) => {
      for (const r of rows) insert.run(r);
    });
    generate(townships, now, tally, (r) => {
      batch.push(r);
      if (batch.length === 50_000) {
        flush(batch);
        batch = [];
      }
    });
    flush(batch);
    const ti = db.prepare(
      `insert into case_tally (${tallyColumns.join(",")}) values (${tallyColumns.map(() => "?").join(",")})`,
    );
    db.transaction(() => {
      for (const [k, t] of tally) ti.run(tallyRow(k, t));
    })();
    for (const ix of indexes) db.exec(ix.sql);
    db.exec("analyze");
    db.close();
    return tally.size;
  }
  let batch: unknown[][] = [];
  const flushTo = async (table: string, cols: string[]) => {
    if (!batch.length) return;
    const values = sql.join(batch.map((r) => sql`(${sql.join(r)})`));
    await sql`insert into ${sql.raw(table)} (${sql.raw(cols.join(","))}) values ${values}`.execute(
      database.db,
    );
    batch = [];
  };
  const rows: unknown[][] = [];
  generate(townships, now, tally, (r) => rows.push(r));
  for (const r of rows) {
    batch.push(r);
    if (batch.length === 1000) await flushTo("case_record", columns);
  }
  await flushTo("case_record", columns);
  for (const [k, t] of tally) {
    batch.push(tallyRow(k, t));
    if (batch.length === 500) await flushTo("case_tally", tallyColumns);
  }
  await flushTo("case_tally", tallyColumns);
  await sql`analyze`.execute(database.db);
  return tally.size;
}

export async function run() {
  const { database, file, drop } = await openBenchDatabase("dash");
  await migrateToLatest(database);
  const regions = await readRegionRows("62");
  await upsertRegions(
    database.db,
    regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
  );
  const counties = regions.filter((r) => r.level === "county").map((r) => r.code);
  const townships = regions.filter((r) => r.level === "township").map((r) => r.code);
  const towns = townships.length ? townships : counties.map((c) => `${c}100`);
  const now = Date.parse("2026-11-30T02:00:00.000Z");
  const t0 = performance.now();
  const tallyRows = await fill(database, file, towns, now);
  const fillSeconds = (performance.now() - t0) / 1000;
  const deps = {
    db: database.db,
    dialect: database.dialect,
    clock: { now: () => new Date(now) },
    calendar: createWorkingCalendar(),
  } as unknown as Deps;
  const office: Actor = {
    id: "u",
    username: "o",
    displayName: "o",
    role: "province_office",
    scope: ["62"],
    departmentId: null,
  };
  const city = counties[0].slice(0, 4);
  const county = counties[3];
  const dash = (region: string) => () =>
    regionDashboard(deps, office, { region, period: "year", workingDays: false }, false);
  const province = await timeRuns(3, RUNS, dash("62"));
  const cityT = await timeRuns(3, RUNS, dash(city));
  const countyT = await timeRuns(3, RUNS, dash(county));
  // The same sub-region figures by a full scan of the cases (what a dashboard without a rollup would do).
  const scanRuns = Math.max(3, Math.min(RUNS, Math.round(2_000_000 / Math.max(CASES, 1))));
  const scan = await timeRuns(3, scanRuns, () =>
    sql`select substr(region_code, 1, 4) as code, count(*) as reported,
          sum(case when closed_at is not null then 1 else 0 end) as closed,
          sum(case when closed_at is not null and late_steps = 0 then 1 else 0 end) as closed_on_time
        from case_record where region_code like '62%' and reported_at >= '2026-01-01' group by 1`.execute(
      database.db,
    ),
  );
  // Rollup vs recount: reported and closed per county × month.
  const recount = await sql<{ code: string; m: string; reported: number; closed: number }>`
    select code, m, sum(r) as reported, sum(c) as closed from (
      select county_code as code, substr(reported_at, 1, 7) as m, 1 as r, 0 as c from case_record
      union all
      select county_code, substr(closed_at, 1, 7), 0, 1 from case_record where closed_at is not null
    ) x group by code, m`.execute(database.db);
  const kept = await database.db
    .selectFrom("caseTally")
    .select(["regionCode", "period", "reported", "closed"])
    .where("grain", "=", "m")
    .where("dim", "=", "")
    .where("level", "=", 6)
    .execute();
  const keptBy = new Map(kept.map((r) => [`${r.regionCode}|${r.period}`, r]));
  let mismatches = 0;
  for (const r of recount.rows) {
    const k = keptBy.get(`${r.code}|${r.m}`);
    if (!k || Number(k.reported) !== Number(r.reported) || Number(k.closed) !== Number(r.closed))
      mismatches++;
  }
  if (recount.rows.length !== kept.filter((k) => Number(k.reported) + Number(k.closed) > 0).length)
    mismatches++;
  await database.close();
  await drop();
  const province_p95_ms = p95(province);
  return {
    dialect: database.dialect,
    cases: CASES,
    scaled_down: CASES < 5_000_000,
    target_cases: 5_000_000,
    sites_grids_workers: "not generated (the case panels read only the rollup and the case table)",
    townships: towns.length,
    tally_rows: tallyRows,
    fill_seconds: Math.round(fillSeconds),
    runs: RUNS,
    province_p95_ms,
    city_p95_ms: p95(cityT),
    county_p95_ms: p95(countyT),
    scan_p95_ms: p95(scan),
    scan_ratio: province_p95_ms ? Math.round(((p95(scan) ?? 0) / province_p95_ms) * 10) / 10 : null,
    rollup_equals_recount: mismatches === 0,
    recount_cells: recount.rows.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "dashboard", ...r }));
    process.exit(0);
  });
}
