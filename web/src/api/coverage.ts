import type { RegionLevel } from "../../../domain/region/region-code";
import { type CoverageMetric, metricRowKind } from "../../../domain/site/coverage-metrics";
import type { RiskLevel } from "../../../domain/site/site-kinds";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";
import type { GridSummary, Problem } from "./grids";
import type { Site } from "./sites";

/** Rollout figures (R18) of one region. Percentages are 0–100 with one decimal. */
export interface CoverageFigures {
  grids: number;
  gridsWithoutWorker: number;
  gridsWithoutOfficer: number;
  sites: number;
  directSites: number;
  gridSites: number;
  sitesWithoutGrid: number;
  sitesOutsideGrids: number;
  sitesWithoutLocation: number;
  sitesWithoutWorker: number;
  sitesWithoutDepartment: number;
  workers: number;
  percentages: {
    gridsStaffed: number;
    sitesWithGrid: number;
    sitesWithWorker: number;
    sitesWithDepartment: number;
  };
}

export interface Coverage {
  region: { code: string; name: string; level: RegionLevel };
  totals: CoverageFigures;
  overlaps: number | null;
  children: (CoverageFigures & { code: string; name: string })[];
}

export { type CoverageMetric, metricRowKind };

export type CoverageRows =
  | { metric: CoverageMetric; type?: "grids"; items: GridSummary[]; total: number }
  | { metric: CoverageMetric; type?: "sites"; items: Site[]; total: number }
  | { metric: CoverageMetric; type?: "problems"; items: Problem[]; total: number };

export const fetchCoverage = (region?: string) => api.get<Coverage>(`/coverage${queryString({ region })}`);
export const fetchCoverageRows = (region: string, metric: CoverageMetric, page: number, pageSize: number) =>
  api.get<CoverageRows>(`/coverage/rows${queryString({ region, metric, page, pageSize })}`);
export const exportCoverage = (region: string) =>
  downloadFile(`/coverage/export${queryString({ region })}`, `网格化覆盖情况-${region}.xlsx`);

// ---- staffing (R5) ----

export type StaffingStatus = "over" | "under" | "balanced";

export interface StaffingItem {
  grid: { id: string; code: string; name: string };
  sites: number;
  /** score = patrol hours a month; unrated sites are counted at the level the weights say. */
  workload: {
    score: number;
    patrolsPerMonth: number;
    byRisk: Record<RiskLevel, { sites: number; patrolsPerMonth: number; score: number }>;
  };
  capacity: { fullTime: number; partTime: number; fte: number; hoursPerMonth: number };
  status: StaffingStatus;
  ratio: number | null;
  suggestedSplit: number | null;
}

export interface StaffingSettings {
  partTimeFraction: number;
  hoursPerFte: number;
  low: number;
  high: number;
}

export interface StaffingFilter extends Partial<StaffingSettings> {
  region?: string;
  status?: StaffingStatus;
  page: number;
  pageSize: number;
}

export const fetchStaffing = (filter: StaffingFilter) =>
  api.get<{
    settings: StaffingSettings & Record<string, unknown>;
    items: StaffingItem[];
    total: number;
    summary: { over: number; under: number; balanced: number };
  }>(`/staffing${queryString({ ...filter })}`);

// ---- reassignment after grids or rules changed ----

export interface AssignmentPart {
  grid: { id: string; code: string; name: string } | null;
  worker: { id: string; displayName: string } | null;
  department: { id: string; name: string } | null;
  direct: boolean;
}
export interface ReassignmentChange {
  siteId: string;
  siteName: string;
  from: AssignmentPart;
  to: AssignmentPart;
  reason: string;
}
export interface ReassignmentPreview {
  region: string;
  checked: number;
  unchanged: number;
  kept: number;
  changes: ReassignmentChange[];
  token: string;
}

export const previewReassignment = (region: string) =>
  api.post<ReassignmentPreview>("/reassignment/preview", { region });
export const applyReassignment = (region: string, token: string, siteIds?: string[]) =>
  api.post<{ applied: number; skipped: number; stale: boolean }>("/reassignment/apply", {
    region,
    token,
    siteIds,
  });
