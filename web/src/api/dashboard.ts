import type { TallyMetric } from "../../../domain/indicators/case-tally";
import type {
  CoverageDrillAnswer,
  Dashboard,
  DashboardIndicator,
  DashboardQuery,
  DrillRow,
  OpenCaseItem,
} from "../../../domain/indicators/dashboard-view";
import type { CoverageDrill, DrillMetric } from "../../../domain/indicators/indicator-catalogue";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** GET /dashboard (issue 13.2): a region's figures for a period, all from the rollup; types from domain/. */
export type { CoverageDrillAnswer, Dashboard, DashboardIndicator, DashboardQuery, DrillRow, OpenCaseItem };

const qs = (q: DashboardQuery, extra: Record<string, string> = {}) =>
  queryString({ ...q, workingDays: q.workingDays ? "true" : "false", ...extra });

export const fetchDashboard = (q: DashboardQuery) => api.get<Dashboard>(`/dashboard${qs(q)}`);
/** `industry`: a GB/T 4754 section, "" for reports without one (sent as "none"), absent for all. */
const industryParam = (industry?: string): Record<string, string> =>
  industry === undefined ? {} : { industry: industry || "none" };
export const fetchDashboardRows = (q: DashboardQuery, metric: TallyMetric, industry?: string) =>
  api
    .get<{ rows: DrillRow[] }>(`/dashboard/rows${qs(q, { metric, ...industryParam(industry) })}`)
    .then((r) => r.rows);
/** The rows behind a register figure (current values: the period does not apply). */
export const fetchCoverageRows = (q: DashboardQuery, metric: CoverageDrill) =>
  api.get<CoverageDrillAnswer>(`/dashboard/rows${qs(q, { metric })}`);
export const exportDashboardRows = (q: DashboardQuery, metric: DrillMetric, industry?: string) =>
  downloadFile(
    `/dashboard/rows/export${qs(q, { metric, ...industryParam(industry) })}`,
    `统计指标明细-${metric}.xlsx`,
  );
export const fetchBoundary = (code: string) =>
  api
    .get<{ type: string; features?: unknown[]; geometry?: unknown }>(
      `/regions/${encodeURIComponent(code)}/boundary`,
    )
    .catch(() => null);
