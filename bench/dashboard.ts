/**
 * Region dashboards at province scale (issue 13, performance): the bench generates the province (grids,
 * grid workers, sites, cases with their trail), builds the rollup from the trail with the set-based rebuild,
 * adds a slice of cases through the real commands, checks the rollup against recounts, then times every
 * panel of the dashboard for the province, a city and a county through the functions the routes call,
 * the same figures by a full scan of the cases, and a county's monthly assessment run and pay sheet
 * through their commands. `npm run bench -- dashboard`; BENCH_DATABASE_URL for PostgreSQL.
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import { migrateToLatest } from "../db/migrate";
import { owingSitesUnder, patrolDaysUnder, patrolFactsUnder } from "../db/queries/assessment-fact-queries";
import { readDayTotals } from "../db/queries/case-day-queries";
import { caseCountsByCountyMonth, scanChildFigures } from "../db/queries/case-scan-queries";
import { readTally } from "../db/queries/case-tally-queries";
import { countyTallyDiff, prepareTallyRecount } from "../db/queries/case-tally-rebuild-queries";
import { patrolTallyUnder } from "../db/queries/patrol-met-queries";
import { upsertRegions } from "../db/queries/region-queries";
import { readRegionRows } from "../db/regions/region-data";
import { patrolPlanCounts, patrolPlanCountsKept } from "../domain/assessment/coverage-indicators";
import type { Actor } from "../domain/auth/actor";
import { addCalendarDays, fromShanghai, shanghaiDate } from "../domain/calendar/shanghai-time";
import { createWorkingCalendar } from "../domain/calendar/working-calendar";
import { datesOf } from "../domain/indicators/indicator-period";
import { patrolDaysOf } from "../domain/patrol/patrol-days";
import { defaultPatrolPlan, patrolFrequencies } from "../domain/patrol/patrol-plan";
import { testClock } from "../server/clock";
import { coverage } from "../server/commands/coverage/coverage";
import { rebuildTally } from "../server/commands/dashboard/rebuild-tally";
import {
  dashboardContext,
  dashboardPanels,
  regionDashboard,
} from "../server/commands/dashboard/region-dashboard";
import { testConfig } from "../server/config";
import type { Deps } from "../server/deps";
import { seedTestWorld } from "../server/test/fixtures";
import {
  analyzeTables,
  type BenchDatabase,
  benchReuse,
  bulkInsert,
  openBenchDatabase,
  p95,
  timeRuns,
} from "./bench-kit";
import {
  caseSteps,
  caseTable,
  eventTable,
  gridSteps,
  gridTable,
  gridWorkerTable,
  layout,
  NOW,
  patrolSteps,
  patrolTable,
  payProfileTable,
  siteSteps,
  siteTable,
  userTable,
} from "./dashboard-data";
import { assessAndPay, commandSlice } from "./dashboard-slice";

const target = { sites: 1_000_000, cases: 5_000_000, grids: 30_000, workers: 20_000 };
const size = (name: string, fallback: number) => Number(process.env[`BENCH_${name}`] ?? fallback);
const sizes = {
  sites: size("SITES", target.sites),
  cases: size("CASES", target.cases),
  grids: size("GRIDS", target.grids),
  workers: size("WORKERS", target.workers),
};
const RUNS = size("RUNS", 60);
const SLICE = size("SLICE", 300);
const county = "620123";
const levels = [
  ["province", "62", "province"],
  ["city", "6201", "city"],
  ["county", county, "county"],
] as const;
const snake = (m: string) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const round1 = (x: number) => Math.round(x * 10) / 10;
const seconds = (t: number) => round1((performance.now() - t) / 1000);
const started = performance.now();
/** A phase's end on stderr (the JSON line stays alone on stdout): a run of an hour says where it is. */
const progress = (what: string) => process.stderr.write(`dashboard bench: ${what} (${seconds(started)} s)\n`);

/**
 * 1. The province, in bulk; then the rollup from the trail in set-based SQL, county by county.
 * 2. A slice through the real commands (their rollup rows written in their own transactions).
 */
async function fill(
  bench: BenchDatabase,
  deps: Deps & { clock: ReturnType<typeof testClock> },
  regions: Awaited<ReturnType<typeof readRegionRows>>,
) {
  await upsertRegions(
    deps.db,
    regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
  );
  const world = await seedTestWorld(deps);
  const actors = Object.fromEntries(
    Object.values(world.users).map((u) => [u.username, { ...u, displayName: u.username } as Actor]),
  );
  const l = layout(
    regions.filter((r) => r.level === "village").map((r) => r.code),
    sizes,
  );
  let t = performance.now();
  await bulkInsert(bench, [gridTable, userTable, gridWorkerTable, payProfileTable], gridSteps(l));
  await bulkInsert(bench, [siteTable], siteSteps(l));
  // patrol's indexes stay: its insert trigger looks up the site's earlier check-ins (patrol_site_idx)
  const patrols = await bulkInsert(bench, [patrolTable], patrolSteps(l, county, Date.parse("2026-01-01")), {
    keepIndexes: true,
  });
  const events = await bulkInsert(bench, [caseTable, eventTable], caseSteps(l));
  const fill_s = seconds(t);
  progress("fill done");
  t = performance.now();
  const tally_rows = await rebuildTally(deps, { lock: false });
  const rollup_s = seconds(t);
  progress("rollup done");
  t = performance.now();
  const slice = await commandSlice(deps, actors, world.departments[county], SLICE);
  const slice_s = seconds(t);
  progress("slice done");
  return { actors, fill_s, rollup_s, tally_rows, patrols, events, slice, slice_s };
}

/** A kept database (BENCH_REUSE) brought to the latest migrations: its accounts, nothing filled again. */
async function reused(deps: Deps) {
  const users = await deps.db
    .selectFrom("appUser")
    .select(["id", "username", "role", "scope", "departmentId"])
    .execute();
  const actors = Object.fromEntries(
    users.map((u) => [
      u.username,
      { ...u, displayName: u.username, scope: JSON.parse(u.scope) as string[] } as Actor,
    ]),
  );
  const count = async (table: "patrol" | "event") =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  progress(`reusing ${benchReuse}`);
  return {
    actors,
    fill_s: null,
    rollup_s: null,
    tally_rows: null,
    patrols: await count("patrol"),
    events: await count("event"),
    slice: null,
    slice_s: null,
  };
}

export async function run() {
  const load = [os.loadavg()[0]];
  const bench = await openBenchDatabase("dash");
  const { database, dir } = bench;
  await migrateToLatest(database);
  const regions = await readRegionRows("62");
  const deps: Deps & { clock: ReturnType<typeof testClock> } = {
    db: database.db,
    dialect: database.dialect,
    clock: testClock(new Date(NOW).toISOString()),
    config: testConfig({ dataDir: dir }),
    calendar: createWorkingCalendar(),
  };
  const made = benchReuse ? await reused(deps) : await fill(bench, deps, regions);
  const { actors, fill_s, rollup_s, tally_rows, patrols, events, slice, slice_s } = made;
  await analyzeTables(database, [
    "case_tally",
    "patrol_day",
    "case_day_total",
    "case_record",
    "site",
    "site_owing",
    "patrol_met",
  ]);

  // 3. Checks: every county × month against a full scan of the cases; the home county row by row
  //    against the SQL recount from the trail (generated cases and the command slice together).
  const t = performance.now();
  const recount = await caseCountsByCountyMonth(database.db);
  const kept = await database.db
    .selectFrom("caseTally")
    .select(["regionCode", "period", "reported", "closed"])
    .where("grain", "=", "m")
    .where("dim", "=", "")
    .where("level", "=", 6)
    .execute();
  const keptBy = new Map(kept.map((r) => [`${r.regionCode}|${r.period}`, r]));
  let mismatches = 0;
  for (const r of recount) {
    const k = keptBy.get(`${r.county}|${r.month}`);
    if (!k || Number(k.reported) !== r.reported || Number(k.closed) !== r.closed) mismatches++;
  }
  if (recount.length !== kept.filter((k) => Number(k.reported) + Number(k.closed) > 0).length) mismatches++;
  const homeDiff = await database.db.transaction().execute(async (tx) => {
    await prepareTallyRecount(tx, deps.calendar);
    return countyTallyDiff(tx, county, deps.calendar);
  });
  // The home county's patrolled days (kept by the patrol trigger) against the days of its check-ins.
  const dayRows = await patrolDaysUnder(database.db, county, 2000, 2100);
  const fromPatrols = patrolDaysOf(await patrolFactsUnder(database.db, county, "2000", "2100"));
  const patrol_days_agree =
    dayRows.size === fromPatrols.size &&
    [...fromPatrols].every(([site, years]) =>
      [...years].every(([year, days]) => dayRows.get(site)?.get(year) === days),
    );
  // The home county's patrol plan coverage over the year from the patrol rollups (kept by triggers) against
  // the count from its sites and patrolled days, under the default plan and one with every frequency.
  const year = { from: fromShanghai("2026-01-01").toISOString(), to: new Date(NOW).toISOString() };
  const owingSites = await owingSitesUnder(database.db, county);
  const patrolTally = await patrolTallyUnder(database.db, county, patrolFrequencies, year);
  const patrol_met_counts: { owed: number; met: number }[] = [];
  let patrol_met_agrees = true;
  for (const plan of [
    defaultPatrolPlan,
    { ...defaultPatrolPlan, unrated: "half_yearly" as const, byKind: { enterprise: "weekly" as const } },
  ]) {
    const kept = patrolPlanCountsKept(patrolTally, plan, year);
    const live = patrolPlanCounts(owingSites, dayRows, plan, year);
    patrol_met_counts.push(kept);
    if (kept.owed !== live.owed || kept.met !== live.met) patrol_met_agrees = false;
  }
  const check_s = seconds(t);
  progress("check done");

  // 4. Every panel at every level (p95 of RUNS after 3 unmeasured), and the same figures by a scan.
  const panels: Record<string, Record<string, number | null>> = {};
  const scans: Record<string, number | null> = {};
  const ratios: Record<string, number | null> = {};
  const level_p95: Record<string, number> = {};
  let scanAgrees = true;
  let keptDaysAgree = true;
  for (const [level, region, who] of levels) {
    const actor = actors[who];
    const q = { region, period: "year" as const, workingDays: false };
    const c = await dashboardContext(deps, actor, q, false);
    const mine: Record<string, number | null> = {};
    // the daily series' first read of the year with no settled day kept yet (it keeps them)
    await database.db.deleteFrom("caseDayTotal").execute();
    const cold = performance.now();
    await dashboardPanels.daily(c);
    mine.daily_first = Math.round((performance.now() - cold) * 100) / 100;
    for (const [name, panel] of Object.entries(dashboardPanels)) {
      mine[snake(name)] = p95(await timeRuns(3, RUNS, () => panel(c)));
      progress(`${level} ${name} p95 ${mine[snake(name)]} ms`);
    }
    mine.coverage = p95(await timeRuns(3, RUNS, () => coverage(deps, actor, region)));
    mine.dashboard = p95(await timeRuns(3, RUNS, () => regionDashboard(deps, actor, q, false)));
    mine.big_screen = p95(
      await timeRuns(3, RUNS, () => regionDashboard(deps, actor, { ...q, period: "month" }, false)),
    );
    panels[level] = mine;
    // the first read is the once-a-day cost of a settled day, not a request's (see docs/performance.md)
    level_p95[level] = Math.max(
      ...Object.entries(mine)
        .filter(([k]) => k !== "daily_first")
        .map(([, v]) => v ?? 0),
    );
    // the series read with kept days equals the counties' rows summed now
    const days = datesOf(c.period);
    const live = await readTally(database.db, {
      regionCode: region,
      span: { months: [], days },
      group: "day",
      metrics: ["reported", "closed"],
    });
    const keptDays = await readDayTotals(database.db, region, days, shanghaiDate(deps.clock.now()));
    if (
      live.some(
        (r) => keptDays.get(r.period)?.reported !== r.reported || keptDays.get(r.period)?.closed !== r.closed,
      )
    )
      keptDaysAgree = false;
    const childLength = { 2: 4, 4: 6, 6: 9 }[region.length] ?? 9;
    const scanQuery = {
      regionCode: region,
      childLength,
      from: fromShanghai(c.period.from).toISOString(),
      to: fromShanghai(addCalendarDays(c.period.to, 1)).toISOString(),
    };
    const scanRuns = Math.max(3, Math.min(RUNS, Math.round((20 * 5_000_000) / sizes.cases / region.length)));
    progress(`${level} coverage, dashboard and big screen timed`);
    scans[level] = p95(await timeRuns(1, scanRuns, () => scanChildFigures(database.db, scanQuery)));
    progress(`${level} scan p95 ${scans[level]} ms over ${scanRuns} runs`);
    ratios[level] = mine.children ? round1((scans[level] ?? 0) / mine.children) : null;
    const scanned = new Map((await scanChildFigures(database.db, scanQuery)).map((r) => [r.code, r]));
    for (const child of await dashboardPanels.children(c)) {
      const s = scanned.get(child.code);
      if ((s?.reported ?? 0) !== child.reported || (s?.closed ?? 0) !== child.closed) scanAgrees = false;
    }
  }

  // 5. The home county's month: assessment of its grid workers and its pay sheet, through the commands.
  const oversight = await assessAndPay(deps, actors, "2026-11");
  progress("assessment and pay sheet done");
  load.push(os.loadavg()[0]);
  const counted = await database.db
    .selectFrom("caseRecord")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await database.close();
  await bench.drop();
  return {
    dialect: database.dialect,
    ...sizes,
    cases: Number(counted.n),
    events,
    patrols,
    scaled_down: Object.entries(target).some(([k, v]) => sizes[k as keyof typeof sizes] < v),
    target,
    fill_s,
    rollup_s,
    tally_rows,
    slice: slice ? { ...slice, s: slice_s } : null,
    reused: benchReuse,
    rollup_equals_recount: mismatches === 0,
    recount_cells: recount.length,
    slice_county_rows: homeDiff.rows,
    slice_county_differing: homeDiff.differing,
    slice_county_sample: homeDiff.sample,
    check_s,
    runs: RUNS,
    period: "year",
    province_p95_ms: level_p95.province,
    city_p95_ms: level_p95.city,
    county_p95_ms: level_p95.county,
    panels_p95_ms: panels,
    scan_p95_ms: scans,
    scan_ratio: ratios,
    scan_agrees: scanAgrees,
    kept_days_agree: keptDaysAgree,
    patrol_days_agree,
    patrol_met_agrees,
    patrol_met_counts,
    assessment_s: round1(Math.max(...oversight.runs)),
    assessment_runs_s: oversight.runs.map((s) => Math.round(s * 100) / 100),
    assessment_subjects: oversight.subjects,
    pay_sheet_s: round1(Math.max(...oversight.sheets)),
    pay_sheet_runs_s: oversight.sheets.map((s) => Math.round(s * 100) / 100),
    pay_lines: oversight.lines,
    pay_problems: oversight.problems,
    load_avg_1m: load.map((x) => Math.round(x * 100) / 100),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((r) => {
    console.log(JSON.stringify({ bench: "dashboard", ...r }));
    process.exit(0);
  });
}
