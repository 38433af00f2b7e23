import { type RawBuilder, sql } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { PatrolPlanTable, PatrolTable } from "../schema/patrol-tables";

export type PatrolRow = PatrolTable;

export function findPatrolPlans(db: Tx, countyCodes: string[]) {
  if (countyCodes.length === 0) return Promise.resolve([]);
  return db.selectFrom("patrolPlan").selectAll().where("regionCode", "in", countyCodes).execute();
}

/** The custom plans of the counties under (or above) a region prefix. */
export function findPatrolPlansUnder(db: Tx, prefix: string) {
  return db
    .selectFrom("patrolPlan")
    .selectAll()
    .where((eb) => eb.or([eb("regionCode", "like", `${prefix}%`), eb("regionCode", "=", prefix.slice(0, 6))]))
    .execute();
}

export function savePatrolPlan(db: Tx, row: PatrolPlanTable) {
  const { regionCode: _r, ...rest } = row;
  return db
    .insertInto("patrolPlan")
    .values(row)
    .onConflict((oc) => oc.column("regionCode").doUpdateSet(rest))
    .execute();
}

/** A site as a check-in needs it (closed sites too: a visit is a fact). */
export function findSiteForPatrol(db: Tx, id: string) {
  return db
    .selectFrom("site")
    .select(["id", "name", "kind", "riskLevel", "regionCode", "gridId", "lon", "lat", "status", "createdAt"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function insertPatrol(db: Tx, row: PatrolRow) {
  return db.insertInto("patrol").values(row).execute();
}

/** The patrols of a site, newest first, with who made them. */
export function listSitePatrols(db: Tx, siteId: string, limit: number, offset: number) {
  const base = db.selectFrom("patrol").where("patrol.siteId", "=", siteId);
  return Promise.all([
    base
      .leftJoin("appUser", "appUser.id", "patrol.userId")
      .selectAll("patrol")
      .select("appUser.displayName")
      .orderBy("patrol.receivedAt", "desc")
      .orderBy("patrol.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]).then(([items, total]) => ({ items, total: Number(total.n) }));
}

const lastVisit = sql<string | null>`(select max(pv.received_at) from patrol pv where pv.site_id = s.id)`;

/**
 * The sites a field account patrols, with their last visit: those it may record patrols on (the access
 * table's rule as a filter), open (not closed) and not under direct supervision; a grid worker's are
 * further those of the grids it serves or assigned to it by name.
 */
export function listPatrolSites(db: Tx, actor: PolicyActor, limit: number) {
  let q = db
    .selectFrom("site as s")
    .select([
      "s.id",
      "s.name",
      "s.kind",
      "s.riskLevel",
      "s.regionCode",
      "s.address",
      "s.createdAt",
      lastVisit.as("lastVisitAt"),
    ])
    .where("s.status", "!=", "closed")
    .where("s.direct", "=", 0)
    .where((eb) => policyFilter(eb, ruleOf("patrol", "record"), actor, "s"));
  if (actor.role === "grid_worker")
    q = q.where((eb) =>
      eb.or([
        eb("s.workerId", "=", actor.id),
        eb("s.gridId", "in", eb.selectFrom("gridWorker").select("gridId").where("userId", "=", actor.id)),
      ]),
    );
  return q.orderBy("s.name").orderBy("s.id").limit(limit).execute();
}

/** One rule of a plan for SQL: the site matches it when every given part matches; the first match wins. */
export interface CoverageRule {
  /** County prefix the rule applies to (absent: any county). */
  county?: string;
  kind?: string;
  risk?: string;
  /** Where the site's current and previous periods start (ISO). */
  current: string;
  previous: string;
}

function ruleCase(rules: CoverageRule[], pick: "current" | "previous"): RawBuilder<string> {
  const whens = rules.map((r) => {
    const parts: RawBuilder<unknown>[] = [];
    if (r.county) parts.push(sql`s.region_code like ${`${r.county}%`}`);
    if (r.kind) parts.push(sql`s.kind = ${r.kind}`);
    if (r.risk) parts.push(sql`s.risk_level = ${r.risk}`);
    const cond = parts.length ? sql.join(parts, sql` and `) : sql`1 = 1`;
    return sql`when ${cond} then ${r[pick]}`;
  });
  return sql<string>`(case ${sql.join(whens, sql` `)} end)`;
}

function statusParts(rules: CoverageRule[]) {
  const current = ruleCase(rules, "current");
  const previous = ruleCase(rules, "previous");
  const done = sql<boolean>`(${lastVisit} >= ${current})`;
  const overdue = sql<boolean>`((${lastVisit} is null or ${lastVisit} < ${previous}) and s.created_at < ${previous})`;
  return { done, overdue };
}

/** Sites that need patrols under `prefix` (open, not under direct supervision), or of one grid. */
const patrolledSites = (db: Tx, prefix: string, gridId?: string | null) => {
  const q = db
    .selectFrom("site as s")
    .where("s.regionCode", "like", `${prefix}%`)
    .where("s.status", "!=", "closed")
    .where("s.direct", "=", 0);
  if (gridId === undefined) return q;
  return gridId === null ? q.where("s.gridId", "is", null) : q.where("s.gridId", "=", gridId);
};

export interface CoverageFigures {
  key: string | null;
  sites: number;
  done: number;
  overdue: number;
}

/**
 * Patrol figures under a region prefix, grouped by the first `length` digits of the site's region, or by
 * grid (`"grid"`), or all together (`"all"`): sites, visited in their current period, overdue. One query.
 */
export async function patrolCoverageFigures(
  db: Tx,
  prefix: string,
  rules: CoverageRule[],
  by: number | "grid" | "all",
  gridId?: string | null,
): Promise<CoverageFigures[]> {
  const { done, overdue } = statusParts(rules);
  const key =
    by === "grid"
      ? sql<string | null>`s.grid_id`
      : by === "all"
        ? sql<string>`'all'`
        : sql<string>`substr(s.region_code, 1, ${sql.lit(by)})`;
  const q = patrolledSites(db, prefix, gridId).select([
    key.as("key"),
    (eb) => eb.fn.countAll<number>().as("sites"),
    sql<number>`sum(case when ${done} then 1 else 0 end)`.as("done"),
    sql<number>`sum(case when ${overdue} then 1 else 0 end)`.as("overdue"),
  ]);
  // PostgreSQL refuses a constant in GROUP BY: the whole region is one aggregate without it
  const rows = await (by === "all" ? q : q.groupBy(key)).execute();
  return rows.map((r) => ({
    key: r.key,
    sites: Number(r.sites),
    done: Number(r.done ?? 0),
    overdue: Number(r.overdue ?? 0),
  }));
}

/** The sites not yet visited in their current period under `prefix` (or in one grid), overdue first. */
export function missedSites(
  db: Tx,
  prefix: string,
  rules: CoverageRule[],
  opts: { gridId?: string | null; limit: number },
) {
  const { done, overdue } = statusParts(rules);
  return patrolledSites(db, prefix, opts.gridId)
    .leftJoin("grid as g", "g.id", "s.gridId")
    .select([
      "s.id",
      "s.name",
      "s.kind",
      "s.riskLevel",
      "s.regionCode",
      "s.address",
      "s.gridId",
      "g.name as gridName",
      "s.createdAt",
      lastVisit.as("lastVisitAt"),
      sql<string>`case when ${overdue} then 'overdue' else 'due' end`.as("status"),
    ])
    .where(sql<boolean>`not coalesce(${done}, false)`)
    .orderBy(sql`case when ${overdue} then 0 else 1 end`)
    .orderBy("s.name")
    .orderBy("s.id")
    .limit(opts.limit)
    .execute();
}

/** Names and codes of grids by id. */
export function gridNames(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("grid").select(["id", "code", "name"]).where("id", "in", ids).execute();
}

export function findGridForCoverage(db: Tx, id: string) {
  return db
    .selectFrom("grid")
    .select(["id", "code", "name", "townshipCode", "regionCode"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findPatrol(db: Tx, id: string) {
  return db.selectFrom("patrol").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The county's sites that need patrols, with who patrols them (the named worker, else one of the grid's). */
export function sitesForDemoPatrols(db: Tx, county: string) {
  return (
    db
      .selectFrom("site as s")
      .select([
        "s.id",
        "s.kind",
        "s.riskLevel",
        "s.regionCode",
        "s.gridId",
        "s.lon",
        "s.lat",
        "s.createdAt",
        sql<
          string | null
        >`coalesce(s.worker_id, (select min(gw.user_id) from grid_worker gw where gw.grid_id = s.grid_id))`.as(
          "workerId",
        ),
      ])
      .where("s.regionCode", "like", `${county}%`)
      .where("s.status", "!=", "closed")
      .where("s.direct", "=", 0)
      // by name (the demo's names are seeded; ids are random): the same demo every run, on both databases
      .orderBy("s.name")
      .orderBy("s.id")
      .execute()
  );
}

export async function anyPatrolUnder(db: Tx, prefix: string): Promise<boolean> {
  const row = await db
    .selectFrom("patrol")
    .select("id")
    .where("regionCode", "like", `${prefix}%`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Many patrols at once (the demo county's history), in multi-row inserts. */
export async function insertPatrols(db: Tx, rows: PatrolRow[], batch = 500) {
  for (let i = 0; i < rows.length; i += batch)
    await db
      .insertInto("patrol")
      .values(rows.slice(i, i + batch))
      .execute();
}

/**
 * The demo's register stands for sites on the books for a while: their registration time is moved back to
 * `at` (only sites registered after it, under the county), so patrol periods before today count for them.
 */
export function backdateDemoSites(db: Tx, county: string, at: string) {
  return db
    .updateTable("site")
    .set({ createdAt: at })
    .where("regionCode", "like", `${county}%`)
    .where("createdAt", ">", at)
    .execute();
}
