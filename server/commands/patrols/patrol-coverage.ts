import {
  type CoverageFigures,
  type CoverageRule,
  findGridForCoverage,
  findPatrolPlansUnder,
  gridNames,
  missedSites,
  patrolCoverageFigures,
} from "../../../db/queries/patrol-queries";
import { findRegion, listRegionChildren } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { patrolStatus, periodStarts } from "../../../domain/patrol/patrol-period";
import {
  defaultPatrolPlan,
  frequencyOf,
  type PatrolPlan,
  parseStoredPlan,
  patrolFrequencies,
  planRules,
} from "../../../domain/patrol/patrol-plan";
import { patrolPolicy } from "../../../domain/policies/patrol-policy";
import type { Deps } from "../../deps";

/** Missed sites listed per answer (the total is always given). */
export const missedLimit = 200;

const pct = (done: number, sites: number) => (sites === 0 ? null : Math.round((done / sites) * 1000) / 10);
const figures = (f: Omit<CoverageFigures, "key">) => ({
  sites: f.sites,
  done: f.done,
  due: f.sites - f.done - f.overdue,
  overdue: f.overdue,
  coverage: pct(f.done, f.sites),
});
const none = { sites: 0, done: 0, overdue: 0 };

/** The plans that apply under a prefix, as SQL rules (a county's own first, then the default). */
async function rulesUnder(deps: Deps, prefix: string, now: Date) {
  const starts = periodStarts(patrolFrequencies, now);
  const asRules = (plan: PatrolPlan, county?: string): CoverageRule[] =>
    planRules(plan).map((r) => ({ county, kind: r.kind, risk: r.risk, ...starts[r.frequency] }));
  const custom = await findPatrolPlansUnder(deps.db, prefix);
  const plans = new Map(custom.map((r) => [r.regionCode, parseStoredPlan(r.plan)]));
  const planOf = (regionCode: string) => plans.get(regionCode.slice(0, 6)) ?? defaultPatrolPlan;
  if (prefix.length >= 6) return { rules: asRules(planOf(prefix)), planOf };
  return {
    rules: [...[...plans].flatMap(([county, plan]) => asRules(plan, county)), ...asRules(defaultPatrolPlan)],
    planOf,
  };
}

async function regionScope(deps: Deps, actor: Actor, code: string) {
  const found = await findRegion(deps.db, code);
  if (!found || !patrolPolicy.coverage(actor, code)) throw new AppError("not_found");
  // an actor whose scope lies below the region sees only its part of it
  const below = actor.scope.filter((s) => s.startsWith(code) && s.length > code.length);
  const inside = actor.scope.some((s) => code.startsWith(s));
  return { region: found, prefix: !inside && below.length === 1 ? below[0] : code };
}

/**
 * Patrol coverage (R22, issue 9) of a region or one grid on the server's `now`: sites that need patrols
 * (open, not under direct supervision), those visited in their current period (`done`), those overdue
 * (missed the whole previous period), the share visited; per child (townships of a county, grids of a
 * township or village, with the sites outside every grid as one row); and the sites not yet visited this
 * period, overdue first. Figures come from one grouped SQL query per level (no site is paged into memory).
 */
export async function patrolCoverage(deps: Deps, actor: Actor, q: { region?: string; grid?: string }) {
  const now = deps.clock.now();
  if (q.grid) {
    const grid = await findGridForCoverage(deps.db, q.grid);
    if (!grid || !patrolPolicy.coverage(actor, grid.code)) throw new AppError("not_found");
    const prefix = grid.code.slice(0, 6);
    const { rules, planOf } = await rulesUnder(deps, prefix, now);
    const [total] = await patrolCoverageFigures(deps.db, prefix, rules, "all", grid.id);
    const missed = await missedSites(deps.db, prefix, rules, { gridId: grid.id, limit: missedLimit });
    return {
      region: null,
      grid: { id: grid.id, code: grid.code, name: grid.name, townshipCode: grid.townshipCode },
      totals: figures(total ?? none),
      children: [],
      missed: { items: missed.map((m) => presentMissed(m, planOf, now)), total: missedTotal(total) },
      serverTime: now.toISOString(),
    };
  }
  const code = q.region ?? actor.scope[0] ?? "";
  const { region, prefix } = await regionScope(deps, actor, code);
  const { rules, planOf } = await rulesUnder(deps, prefix, now);
  const [total] = await patrolCoverageFigures(deps.db, prefix, rules, "all");
  const children = prefix === region.code ? await childRows(deps, prefix, rules, region.level) : [];
  const missed = await missedSites(deps.db, prefix, rules, { limit: missedLimit });
  return {
    region: { code: region.code, name: region.name, level: region.level },
    grid: null,
    totals: figures(total ?? none),
    children,
    missed: { items: missed.map((m) => presentMissed(m, planOf, now)), total: missedTotal(total) },
    serverTime: now.toISOString(),
  };
}

const missedTotal = (f: CoverageFigures | undefined) => (f ? f.sites - f.done : 0);

async function childRows(deps: Deps, prefix: string, rules: CoverageRule[], level: string) {
  if (level === "township" || level === "village") {
    const rows = await patrolCoverageFigures(deps.db, prefix, rules, "grid");
    const names = new Map(
      (
        await gridNames(
          deps.db,
          rows.flatMap((r) => (r.key ? [r.key] : [])),
        )
      ).map((g) => [g.id, g]),
    );
    return (
      rows
        .map((r) => {
          const g = r.key ? names.get(r.key) : undefined;
          return {
            kind: "grid" as const,
            code: g?.code ?? "",
            gridId: r.key,
            name: g?.name ?? "未划入网格",
            ...figures(r),
          };
        })
        // grids by code, the sites outside every grid last
        .sort((a, b) => (!a.code ? 1 : !b.code ? -1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    );
  }
  const regions = await listRegionChildren(deps.db, prefix);
  if (regions.length === 0) return [];
  const rows = await patrolCoverageFigures(deps.db, prefix, rules, regions[0].code.length);
  const by = new Map(rows.map((r) => [r.key, r]));
  return regions.map((c) => ({
    kind: "region" as const,
    code: c.code,
    gridId: null,
    name: c.name,
    ...figures(by.get(c.code) ?? none),
  }));
}

type Missed = Awaited<ReturnType<typeof missedSites>>[number];

function presentMissed(m: Missed, planOf: (code: string) => PatrolPlan, now: Date) {
  const frequency = frequencyOf(planOf(m.regionCode), m);
  const st = patrolStatus(m, frequency, m.lastVisitAt, now);
  return {
    siteId: m.id,
    siteName: m.name,
    kind: m.kind,
    riskLevel: m.riskLevel,
    address: m.address,
    gridId: m.gridId,
    gridName: m.gridName,
    frequency,
    dueBy: st.dueBy,
    status: st.status,
    lastVisitAt: m.lastVisitAt,
  };
}
