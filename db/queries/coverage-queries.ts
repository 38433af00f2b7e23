import { sql } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import { underPrefix } from "../scope";

export interface GridFigures {
  code: string;
  grids: number;
  gridsWithoutWorker: number;
  gridsWithoutOfficer: number;
}
export interface SiteFigures {
  code: string;
  sites: number;
  directSites: number;
  sitesWithoutGrid: number;
  sitesOutsideGrids: number;
  sitesWithoutLocation: number;
  sitesWithoutWorker: number;
  sitesWithoutDepartment: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** Active grid counts under `prefix`, grouped by the first `length` digits of the grid code (grid_coverage_idx). */
export async function gridFigures(db: Tx, prefix: string, length: number): Promise<GridFigures[]> {
  const key = sql<string>`substr(grid.code, 1, ${sql.lit(length)})`;
  const rows = await db
    .selectFrom("grid")
    .select([
      key.as("code"),
      (eb) => eb.fn.countAll<number>().as("grids"),
      sql<number>`sum(case when not exists (select 1 from grid_worker gw where gw.grid_id = grid.id) then 1 else 0 end)`.as(
        "noWorker",
      ),
      sql<number>`sum(case when grid.officer_name is null then 1 else 0 end)`.as("noOfficer"),
    ])
    .where("grid.status", "=", "active")
    .where((eb) => underPrefix(eb, "grid.code", prefix))
    .groupBy(key)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    grids: n(r.grids),
    gridsWithoutWorker: n(r.noWorker),
    gridsWithoutOfficer: n(r.noOfficer),
  }));
}

/**
 * Site counts (closed sites excluded) under `prefix`, grouped by the first `length` digits of their region:
 * sums of the register's rollup (`site_tally`, kept by triggers on every write to `site`), not the sites.
 */
export async function siteFigures(db: Tx, prefix: string, length: number): Promise<SiteFigures[]> {
  const key = sql<string>`substr(region_code, 1, ${sql.lit(length)})`;
  const sum = (c: string) => sql<number>`sum(${sql.ref(c)})`;
  const rows = await db
    .selectFrom("siteTally")
    .select([
      key.as("code"),
      sum("sites").as("sites"),
      sum("direct").as("direct"),
      sum("noGrid").as("noGrid"),
      sum("outsideGrids").as("outside"),
      sum("noLocation").as("noLocation"),
      sum("noWorker").as("noWorker"),
      sum("noDepartment").as("noDepartment"),
    ])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .groupBy(key)
    .having(sql<number>`sum(sites)`, ">", 0)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    sites: n(r.sites),
    directSites: n(r.direct),
    sitesWithoutGrid: n(r.noGrid),
    sitesOutsideGrids: n(r.outside),
    sitesWithoutLocation: n(r.noLocation),
    sitesWithoutWorker: n(r.noWorker),
    sitesWithoutDepartment: n(r.noDepartment),
  }));
}

/**
 * The same counts by reading every site (not closed) under `prefix`: the recount `site_tally` is checked
 * against (its test and the dashboard bench).
 */
export async function siteFiguresRecount(db: Tx, prefix: string, length: number): Promise<SiteFigures[]> {
  const key = sql<string>`substr(region_code, 1, ${sql.lit(length)})`;
  const inGrid = sql`direct = 0`;
  const rows = await db
    .selectFrom("site")
    .select([
      key.as("code"),
      (eb) => eb.fn.countAll<number>().as("sites"),
      sql<number>`sum(direct)`.as("direct"),
      sql<number>`sum(case when ${inGrid} and grid_id is null then 1 else 0 end)`.as("noGrid"),
      sql<number>`sum(case when ${inGrid} and grid_id is null and grid_rule = 'outside_grids' then 1 else 0 end)`.as(
        "outside",
      ),
      sql<number>`sum(case when ${inGrid} and lon is null then 1 else 0 end)`.as("noLocation"),
      sql<number>`sum(case when ${inGrid} and worker_id is null then 1 else 0 end)`.as("noWorker"),
      sql<number>`sum(case when department_id is null then 1 else 0 end)`.as("noDepartment"),
    ])
    .where((eb) => underPrefix(eb, "regionCode", prefix))
    .where("status", "!=", "closed")
    .groupBy(key)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    sites: n(r.sites),
    directSites: n(r.direct),
    sitesWithoutGrid: n(r.noGrid),
    sitesOutsideGrids: n(r.outside),
    sitesWithoutLocation: n(r.noLocation),
    sitesWithoutWorker: n(r.noWorker),
    sitesWithoutDepartment: n(r.noDepartment),
  }));
}

/** Distinct grid workers serving active grids under `prefix`. */
export async function countWorkers(db: Tx, prefix: string): Promise<number> {
  const r = await db
    .selectFrom("grid")
    .innerJoin("gridWorker", "gridWorker.gridId", "grid.id")
    .select((eb) => eb.fn.count<number>("gridWorker.userId").distinct().as("n"))
    .where("grid.status", "=", "active")
    .where((eb) => underPrefix(eb, "grid.code", prefix))
    .executeTakeFirst();
  return n(r?.n);
}

/** Per grid (active, under `prefix`): how many open sites of each kind and risk level it has. */
export function gridSiteMix(db: Tx, prefix: string) {
  return db
    .selectFrom("site")
    .innerJoin("grid", "grid.id", "site.gridId")
    .select(["site.gridId", "site.kind", "site.riskLevel", (eb) => eb.fn.countAll<number>().as("n")])
    .where((eb) => underPrefix(eb, "grid.code", prefix))
    .where("grid.status", "=", "active")
    .where("site.status", "!=", "closed")
    .groupBy(["site.gridId", "site.kind", "site.riskLevel"])
    .execute();
}

/** Per active grid under `prefix`: its workers' employment. */
export function gridStaff(db: Tx, prefix: string) {
  return db
    .selectFrom("gridWorker")
    .innerJoin("grid", "grid.id", "gridWorker.gridId")
    .select(["gridWorker.gridId", "gridWorker.employment"])
    .where((eb) => underPrefix(eb, "grid.code", prefix))
    .where("grid.status", "=", "active")
    .execute();
}

/** Active grids with no supervision officer under `prefix` that the actor reads: one page (code order) and the total. */
export async function gridsWithoutOfficer(
  db: Tx,
  actor: PolicyActor,
  prefix: string,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const base = db
    .selectFrom("grid")
    .where((eb) => underPrefix(eb, "code", prefix))
    .where("status", "=", "active")
    .where("officerName", "is", null)
    .where((eb) => policyFilter(eb, ruleOf("grid", "read"), actor, "grid"));
  const [page, total] = await Promise.all([
    base.select("id").orderBy("code").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { ids: page.map((g) => g.id), total: n(total.n) };
}
