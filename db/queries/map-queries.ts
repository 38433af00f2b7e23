import { sql } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Dialect, Tx } from "../db";
import { policyFilter } from "../policy-filter";

/** Which sites the map shows: open, inside the box, in the actor's jurisdiction, optionally one kind or risk. */
export interface MapSiteFilter {
  bbox: [number, number, number, number];
  kind?: string;
  riskLevel?: string;
}

function sitesInView(db: Tx, actor: PolicyActor, f: MapSiteFilter) {
  const [x0, y0, x1, y1] = f.bbox;
  let base = db
    .selectFrom("site")
    .where("lon", ">=", x0)
    .where("lon", "<=", x1)
    .where("lat", ">=", y0)
    .where("lat", "<=", y1)
    .where("status", "!=", "closed")
    .where((eb) => policyFilter(eb, ruleOf("site", "read"), actor, "site"));
  if (f.kind) base = base.where("kind", "=", f.kind);
  if (f.riskLevel) base = base.where("riskLevel", "=", f.riskLevel);
  return base;
}

/** Single sites in view, by id, at most `limit`. */
export function mapSitePoints(db: Tx, actor: PolicyActor, f: MapSiteFilter, limit: number) {
  return sitesInView(db, actor, f)
    .select(["id", "name", "kind", "riskLevel", "lon", "lat", "gridId"])
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Sites in view counted per screen cell of `cell` degrees (from the box's corner), kind and risk level. */
export function mapSiteCells(db: Tx, dialect: Dialect, actor: PolicyActor, f: MapSiteFilter, cell: number) {
  const [x0, y0] = f.bbox;
  const floor = (expr: ReturnType<typeof sql>) =>
    dialect === "postgres" ? sql<number>`floor(${expr})` : sql<number>`cast(${expr} as integer)`;
  // numbers validated by the route, inlined so SELECT and GROUP BY are the very same expression (PostgreSQL)
  const cx = floor(sql`(lon - ${sql.lit(x0)}) / ${sql.lit(cell)}`);
  const cy = floor(sql`(lat - ${sql.lit(y0)}) / ${sql.lit(cell)}`);
  return sitesInView(db, actor, f)
    .select([
      cx.as("cx"),
      cy.as("cy"),
      "kind",
      "riskLevel",
      (eb) => eb.fn.countAll<number>().as("n"),
      sql<number>`sum(lon)`.as("sx"),
      sql<number>`sum(lat)`.as("sy"),
    ])
    .groupBy([cx, cy, "kind", "riskLevel"])
    .execute();
}

/** Every stored region boundary with the region's name, by code. */
export function listBoundariesWithNames(db: Tx) {
  return db
    .selectFrom("regionBoundary")
    .leftJoin("region", "region.code", "regionBoundary.code")
    .select(["regionBoundary.code", "regionBoundary.geojson", "region.name"])
    .orderBy("regionBoundary.code")
    .execute();
}

/** Per grid: how many open sites of each kind and risk level, and how many lack a worker or a department. */
export function mapGridSiteMix(db: Tx) {
  return db
    .selectFrom("site")
    .select([
      "gridId",
      "kind",
      "riskLevel",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb("workerId", "is", null), eb("departmentId", "is", null)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("unassigned"),
    ])
    .where("gridId", "is not", null)
    .where("status", "!=", "closed")
    .groupBy(["gridId", "kind", "riskLevel"])
    .execute();
}

/** Every grid's workers with their names, employment first. */
export function mapGridWorkers(db: Tx) {
  return db
    .selectFrom("gridWorker")
    .innerJoin("appUser", "appUser.id", "gridWorker.userId")
    .select(["gridWorker.gridId", "gridWorker.employment", "appUser.displayName"])
    .orderBy("gridWorker.employment")
    .orderBy("appUser.displayName")
    .execute();
}
