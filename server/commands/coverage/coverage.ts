import {
  countWorkers,
  type GridFigures,
  gridFigures,
  type SiteFigures,
  siteFigures,
} from "../../../db/queries/coverage-queries";
import { findRegion, listRegionChildren } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import type { Deps } from "../../deps";
import { regionOverlaps } from "../grids/grid-overlaps";

export type Figures = Omit<GridFigures, "code"> &
  Omit<SiteFigures, "code"> & {
    gridSites: number;
    workers?: number;
    percentages: {
      gridsStaffed: number;
      sitesWithGrid: number;
      sitesWithWorker: number;
      sitesWithDepartment: number;
    };
  };

const pct = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10);
const empty = { grids: 0, gridsWithoutWorker: 0, gridsWithoutOfficer: 0 };
const emptySites = {
  sites: 0,
  directSites: 0,
  sitesWithoutGrid: 0,
  sitesOutsideGrids: 0,
  sitesWithoutLocation: 0,
  sitesWithoutWorker: 0,
  sitesWithoutDepartment: 0,
};

export function figures(g: Omit<GridFigures, "code">, s: Omit<SiteFigures, "code">): Figures {
  const gridSites = s.sites - s.directSites;
  return {
    ...g,
    ...s,
    gridSites,
    percentages: {
      gridsStaffed: pct(g.grids - g.gridsWithoutWorker, g.grids),
      sitesWithGrid: pct(gridSites - s.sitesWithoutGrid, gridSites),
      sitesWithWorker: pct(gridSites - s.sitesWithoutWorker, gridSites),
      sitesWithDepartment: pct(s.sites - s.sitesWithoutDepartment, s.sites),
    },
  };
}

function sum<T extends { code: string }>(rows: T[], base: Omit<T, "code">): Omit<T, "code"> {
  const out = { ...base } as Record<string, number>;
  for (const r of rows)
    for (const k of Object.keys(base)) out[k] += Number((r as Record<string, unknown>)[k]);
  return out as Omit<T, "code">;
}

/** The region a coverage request is about: the one asked for if the actor may watch it, else 404/403. */
export async function coverageRegion(deps: Deps, actor: Actor, region?: string) {
  const code = region ?? actor.scope[0];
  const inScope = actor.scope.some((s) => code.startsWith(s) || s.startsWith(code));
  const found = await findRegion(deps.db, code);
  if (!found || !inScope) throw new AppError("not_found");
  if (!gridPolicy.coverage(actor, code)) throw new AppError("forbidden");
  // an actor whose scope is narrower than the region sees only their part of it
  const prefixes = actor.scope.filter((s) => s.startsWith(code));
  return {
    region: found,
    prefix: prefixes.length === 1 && prefixes[0].length > code.length ? prefixes[0] : code,
  };
}

/**
 * R18 rollout figures for a region and each of its children: grids and those without a worker or officer,
 * sites (direct supervision counted apart), sites without grid / outside every grid / without location /
 * without worker / without department, the percentages, and (county and below) the number of overlaps.
 */
export async function coverage(deps: Deps, actor: Actor, regionCode?: string) {
  const { region, prefix } = await coverageRegion(deps, actor, regionCode);
  const children = prefix === region.code ? await listRegionChildren(deps.db, region.code) : [];
  const childLength = children[0]?.code.length ?? 0;
  // With children, the totals are the sums of every child group (each grid and site falls in exactly one):
  // one read of the grids and of the rollup instead of two.
  const groupLength = childLength || prefix.length;
  const [g, s, workers] = await Promise.all([
    gridFigures(deps.db, prefix, groupLength),
    siteFigures(deps.db, prefix, groupLength),
    countWorkers(deps.db, prefix),
  ]);
  const totals = { ...figures(sum(g, empty), sum(s, emptySites)), workers };
  let rows: (Figures & { code: string; name: string })[] = [];
  if (childLength) {
    const gBy = new Map(g.map((r) => [r.code, r]));
    const sBy = new Map(s.map((r) => [r.code, r]));
    rows = children.map((c) => ({
      code: c.code,
      name: c.name,
      ...figures(gBy.get(c.code) ?? empty, sBy.get(c.code) ?? emptySites),
    }));
  }
  let overlaps: number | null = null;
  if (prefix.length >= 6) overlaps = (await regionOverlaps(deps, prefix)).length;
  return {
    region: { code: region.code, name: region.name, level: region.level },
    totals,
    overlaps,
    children: rows,
  };
}
