import type { Kysely } from "kysely";
import { mapGridSiteMix, mapGridWorkers } from "../../../db/queries/map-queries";
import type { DB } from "../../../db/schema";
import type { RiskLevel, SiteKind } from "../../../domain/site/site-kinds";
import {
  gridWorkload,
  type StaffingStatus,
  staffingCapacity,
  staffingStatus,
} from "../../../domain/site/workload";

export interface GridStats {
  workers: string[];
  workerCount: number;
  siteCount: number;
  /** Sites of the grid without a worker or a department. */
  unassigned: number;
  workload: number;
  ratio: number | null;
  status: StaffingStatus;
}

/** How long map figures may lag behind the register (other app processes change it too). */
export const mapStatsTtlMs = 30_000;

const cache = new WeakMap<object, { at: number; stats: Promise<Map<string, GridStats>> }>();

/** Forgets this process's map figures (called after changes made here, so the map shows them at once). */
export function invalidateMapStats(db: object) {
  cache.delete(db);
}

async function compute(db: Kysely<DB>): Promise<Map<string, GridStats>> {
  const [mix, staff] = await Promise.all([mapGridSiteMix(db), mapGridWorkers(db)]);
  const sites = new Map<string, { riskLevel: RiskLevel | null; kind: SiteKind; count: number }[]>();
  const unassigned = new Map<string, number>();
  for (const m of mix) {
    const list = sites.get(m.gridId!) ?? [];
    list.push({ riskLevel: m.riskLevel as RiskLevel | null, kind: m.kind as SiteKind, count: Number(m.n) });
    sites.set(m.gridId!, list);
    unassigned.set(m.gridId!, (unassigned.get(m.gridId!) ?? 0) + Number(m.unassigned ?? 0));
  }
  const workers = new Map<string, { name: string; fullTime: boolean }[]>();
  for (const w of staff)
    workers.set(w.gridId, [
      ...(workers.get(w.gridId) ?? []),
      { name: w.displayName, fullTime: w.employment === "full_time" },
    ]);
  const out = new Map<string, GridStats>();
  for (const id of new Set([...sites.keys(), ...workers.keys()])) {
    const list = sites.get(id) ?? [];
    const ws = workers.get(id) ?? [];
    const load = gridWorkload(list);
    const { status, ratio } = staffingStatus(load, staffingCapacity(ws));
    out.set(id, {
      workers: ws.map((w) => w.name),
      workerCount: ws.length,
      siteCount: list.reduce((sum, s) => sum + s.count, 0),
      unassigned: unassigned.get(id) ?? 0,
      workload: load.score,
      ratio: Number.isFinite(ratio) ? ratio : null,
      status,
    });
  }
  return out;
}

/** Per-grid figures for the map (workers, sites, workload), computed for all grids at once and kept briefly. */
export function mapStats(db: Kysely<DB>, now = Date.now()): Promise<Map<string, GridStats>> {
  const hit = cache.get(db);
  if (hit && now - hit.at < mapStatsTtlMs) return hit.stats;
  const stats = compute(db);
  cache.set(db, { at: now, stats });
  stats.catch(() => cache.delete(db));
  return stats;
}

export const emptyStats: GridStats = {
  workers: [],
  workerCount: 0,
  siteCount: 0,
  unassigned: 0,
  workload: 0,
  ratio: 0,
  status: "balanced",
};
