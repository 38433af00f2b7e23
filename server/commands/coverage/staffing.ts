import { gridSiteMix, gridStaff } from "../../../db/queries/coverage-queries";
import { listRegionGridNames } from "../../../db/queries/grid-queries";
import type { Actor } from "../../../domain/auth/actor";
import { invalid } from "../../../domain/errors";
import type { RiskLevel, SiteKind } from "../../../domain/site/site-kinds";
import {
  defaultHoursPerFtePerMonth,
  defaultStaffingThresholds,
  defaultWorkloadWeights,
  gridWorkload,
  type StaffingStatus,
  staffingCapacity,
  staffingStatus,
  suggestSplit,
} from "../../../domain/site/workload";
import type { Deps } from "../../deps";
import { coverageRegion } from "./coverage";

export interface StaffingSettings {
  partTimeFraction: number;
  hoursPerFte: number;
  low: number;
  high: number;
}

export const defaultStaffingSettings: StaffingSettings = {
  partTimeFraction: 0.5,
  hoursPerFte: defaultHoursPerFtePerMonth,
  low: defaultStaffingThresholds.low,
  high: defaultStaffingThresholds.high,
};

/** Workload, capacity and staffing status of every active grid under a prefix (R5), in code order. */
export async function gridStaffing(
  deps: Deps,
  prefix: string,
  settings: StaffingSettings = defaultStaffingSettings,
) {
  if (settings.low > settings.high)
    throw invalid("下限不能高于上限", "The low threshold is above the high one");
  const [grids, mix, staff] = await Promise.all([
    listRegionGridNames(deps.db, prefix),
    gridSiteMix(deps.db, prefix),
    gridStaff(deps.db, prefix),
  ]);
  // One entry per grid, kind and risk level with its count (not one per site: a county has many).
  const sitesBy = new Map<string, { riskLevel: RiskLevel | null; kind: SiteKind; count: number }[]>();
  for (const m of mix) {
    const list = sitesBy.get(m.gridId!) ?? [];
    list.push({ riskLevel: m.riskLevel as RiskLevel | null, kind: m.kind as SiteKind, count: Number(m.n) });
    sitesBy.set(m.gridId!, list);
  }
  const staffBy = new Map<string, { fullTime: boolean }[]>();
  for (const s of staff)
    staffBy.set(s.gridId, [...(staffBy.get(s.gridId) ?? []), { fullTime: s.employment === "full_time" }]);
  const thresholds = { low: settings.low, high: settings.high };
  return grids.map((g) => {
    const sites = sitesBy.get(g.id) ?? [];
    const workload = gridWorkload(sites, defaultWorkloadWeights);
    const capacity = staffingCapacity(
      staffBy.get(g.id) ?? [],
      settings.partTimeFraction,
      settings.hoursPerFte,
    );
    const { status, ratio } = staffingStatus(workload, capacity, thresholds);
    return {
      grid: { id: g.id, code: g.code, name: g.name },
      sites: sites.reduce((sum, s) => sum + s.count, 0),
      workload,
      capacity,
      status,
      ratio: Number.isFinite(ratio) ? ratio : null,
      suggestedSplit: status === "over" ? suggestSplit(workload, capacity, thresholds) : 1,
    };
  });
}

export async function staffing(
  deps: Deps,
  actor: Actor,
  q: Partial<StaffingSettings> & { region?: string; status?: StaffingStatus; page: number; pageSize: number },
) {
  const { prefix } = await coverageRegion(deps, actor, q.region);
  const settings: StaffingSettings = {
    partTimeFraction: q.partTimeFraction ?? defaultStaffingSettings.partTimeFraction,
    hoursPerFte: q.hoursPerFte ?? defaultStaffingSettings.hoursPerFte,
    low: q.low ?? defaultStaffingSettings.low,
    high: q.high ?? defaultStaffingSettings.high,
  };
  const all = await gridStaffing(deps, prefix, settings);
  const summary = { over: 0, under: 0, balanced: 0 };
  for (const r of all) summary[r.status]++;
  const filtered = q.status ? all.filter((r) => r.status === q.status) : all;
  const items = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { settings, items, total: filtered.length, summary };
}
