import type { Tx } from "../../../db/db";
import { listActiveDepartments } from "../../../db/queries/department-queries";
import { defaultWorkers } from "../../../db/queries/grid-worker-queries";
import { listRoutingRules } from "../../../db/queries/routing-queries";
import type { SiteTable } from "../../../db/schema/grid-tables";
import { type RoutingRule, routeSite } from "../../../domain/department/routing";
import { directSupervision } from "../../../domain/site/direct-supervision";
import type { Ownership, RiskLevel, SiteKind, SiteScale } from "../../../domain/site/site-kinds";
import type { GridLayer } from "../grids/grid-layer";

/** What assignment reads: the grid layer, the routing table, departments and each grid's default worker. */
export interface AssignmentContext {
  layer: GridLayer;
  rules: RoutingRule[];
  /** `${regionCode}|${kind}` -> department. */
  departments: Map<string, { id: string; name: string }>;
  workers: Map<string, { id: string; displayName: string } | null>;
  /** Routing answers by region, industry and kind (an import asks the same question thousands of times). */
  routes: Map<string, ReturnType<typeof routeSite>>;
  db: Tx;
}

export async function assignmentContext(db: Tx, layer: GridLayer): Promise<AssignmentContext> {
  const rules = await listRoutingRules(db);
  const deps = await listActiveDepartments(db);
  const departments = new Map<string, { id: string; name: string }>();
  for (const d of deps) {
    const key = `${d.regionCode}|${d.kind}`;
    if (!departments.has(key)) departments.set(key, { id: d.id, name: d.name });
  }
  return { layer, rules, departments, workers: new Map(), routes: new Map(), db };
}

/** Loads the default workers of these grids into the context (one query per 500 grids). */
export async function preloadWorkers(ctx: AssignmentContext, gridIds: Iterable<string>) {
  const missing = [...new Set(gridIds)].filter((id) => !ctx.workers.has(id));
  if (missing.length === 0) return;
  const found = await defaultWorkers(ctx.db, missing);
  for (const id of missing) ctx.workers.set(id, found.get(id) ?? null);
}

export type AssignableSite = Pick<
  SiteTable,
  | "kind"
  | "industryCode"
  | "ownership"
  | "scale"
  | "riskLevel"
  | "flagLarge"
  | "flagHighGrade"
  | "flagHighRisk"
  | "regionCode"
  | "lon"
  | "lat"
> &
  Partial<
    Pick<SiteTable, "gridId" | "gridRule" | "gridOverride" | "workerId" | "workerRule" | "workerOverride">
  > &
  Partial<
    Pick<
      SiteTable,
      "departmentId" | "departmentRule" | "departmentRuleId" | "departmentReason" | "departmentOverride"
    >
  >;

export type Assignment = Pick<
  SiteTable,
  | "direct"
  | "directRule"
  | "gridId"
  | "gridRule"
  | "workerId"
  | "workerRule"
  | "departmentId"
  | "departmentRule"
  | "departmentRuleId"
  | "departmentReason"
>;

const bool = (v: number | null): boolean | undefined => (v === null ? undefined : v === 1);

/** The grid a located site falls in, among the grids of its county. */
export function locateGrid(ctx: AssignmentContext, site: Pick<SiteTable, "lon" | "lat" | "regionCode">) {
  if (site.lon === null || site.lat === null) return null;
  return ctx.layer.locate(site.lon, site.lat, site.regionCode.slice(0, 6));
}

function departmentFor(ctx: AssignmentContext, regionCode: string, kind: string) {
  for (const n of [6, 4, 2]) {
    const d = ctx.departments.get(`${regionCode.slice(0, n)}|${kind}`);
    if (d) return d;
  }
  return null;
}

/**
 * Assigns a site (R2, R3, R4): direct supervision first (then no grid and no worker); otherwise the grid
 * whose polygon contains its location (lowest code on a shared edge, see `createGridIndex`) and that grid's
 * first worker; the department from the routing table. Parts under manual override are kept as they are.
 * Workers of the located grid must be preloaded (`preloadWorkers`).
 */
export function assignSite(ctx: AssignmentContext, site: AssignableSite): Assignment {
  const direct = directSupervision({
    ownership: site.ownership as Ownership,
    industryCode: site.industryCode,
    scale: site.scale as SiteScale | null,
    riskLevel: site.riskLevel as RiskLevel | null,
    flags: {
      large: bool(site.flagLarge),
      highGrade: bool(site.flagHighGrade),
      highRisk: bool(site.flagHighRisk),
    },
  });
  let gridId: string | null = null;
  let gridRule = "direct";
  if (site.gridOverride) {
    gridId = site.gridId ?? null;
    gridRule = "manual";
  } else if (!direct.direct) {
    const grid = locateGrid(ctx, site);
    gridId = grid?.id ?? null;
    gridRule = grid
      ? "point_in_polygon"
      : site.lon === null || site.lat === null
        ? "no_location"
        : "outside_grids";
  }
  let workerId: string | null = null;
  let workerRule = "direct";
  if (site.workerOverride) {
    workerId = site.workerId ?? null;
    workerRule = "manual";
  } else if (!direct.direct || site.gridOverride) {
    const w = gridId ? ctx.workers.get(gridId) : null;
    workerId = w?.id ?? null;
    workerRule = w ? "grid_staff" : "no_worker";
  }
  if (site.departmentOverride)
    return {
      direct: direct.direct ? 1 : 0,
      directRule: direct.rule,
      gridId,
      gridRule,
      workerId,
      workerRule,
      departmentId: site.departmentId ?? null,
      departmentRule: "manual",
      departmentRuleId: null,
      departmentReason: site.departmentReason ?? "{}",
    };
  const routeKey = `${site.regionCode}|${site.industryCode}|${site.kind}`;
  let routed = ctx.routes.get(routeKey);
  if (routed === undefined) {
    routed = routeSite(ctx.rules, {
      regionCode: site.regionCode,
      industryCode: site.industryCode,
      kind: site.kind as SiteKind,
    });
    ctx.routes.set(routeKey, routed);
  }
  const dep = routed ? departmentFor(ctx, site.regionCode, routed.departmentKind) : null;
  return {
    direct: direct.direct ? 1 : 0,
    directRule: direct.rule,
    gridId,
    gridRule,
    workerId,
    workerRule,
    departmentId: dep?.id ?? null,
    departmentRule: !routed ? "no_rule" : dep ? "routing" : "no_department",
    departmentRuleId: routed?.rule.id ?? null,
    departmentReason: JSON.stringify(
      routed ? { ...routed.explanation, departmentKind: routed.departmentKind } : {},
    ),
  };
}

/** The fields that decide an assignment; a change to any of them re-runs `assignSite`. */
export const assignmentInputs = [
  "kind",
  "industryCode",
  "ownership",
  "scale",
  "riskLevel",
  "flagLarge",
  "flagHighGrade",
  "flagHighRisk",
  "regionCode",
  "lon",
  "lat",
] as const;
