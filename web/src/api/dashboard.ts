import type { TallyMetric } from "../../../domain/indicators/case-tally";
import type {
  Dashboard,
  DashboardIndicator,
  DashboardQuery,
  DrillRow,
  OpenCaseItem,
} from "../../../domain/indicators/dashboard-view";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** GET /dashboard (issue 13.2): a region's figures for a period, all from the rollup; types from domain/. */
export type { Dashboard, DashboardIndicator, DashboardQuery, DrillRow, OpenCaseItem };

const qs = (q: DashboardQuery, extra: Record<string, string> = {}) =>
  queryString({ ...q, workingDays: q.workingDays ? "true" : "false", ...extra });

export const fetchDashboard = (q: DashboardQuery) => api.get<Dashboard>(`/dashboard${qs(q)}`);
export const fetchDashboardRows = (q: DashboardQuery, metric: TallyMetric) =>
  api.get<{ rows: DrillRow[] }>(`/dashboard/rows${qs(q, { metric })}`).then((r) => r.rows);
export const exportDashboardRows = (q: DashboardQuery, metric: TallyMetric) =>
  downloadFile(`/dashboard/rows/export${qs(q, { metric })}`, `统计指标明细-${metric}.xlsx`);
export const fetchBoundary = (code: string) =>
  api
    .get<{ type: string; features?: unknown[]; geometry?: unknown }>(
      `/regions/${encodeURIComponent(code)}/boundary`,
    )
    .catch(() => null);
