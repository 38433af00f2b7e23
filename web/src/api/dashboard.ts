import type { TallyMetric } from "../../../domain/indicators/case-tally";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** GET /dashboard (issue 13.2): a region's figures for a period, all from the rollup. */
export interface DashboardIndicator {
  key: string;
  label: string;
  formula: string;
  unit: "count" | "rate" | "hours";
  better: "higher" | "lower";
  source: "cases" | "coverage" | "patrol";
  drill: TallyMetric | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unavailable: null | "no_source" | "no_denominator";
  mom: number | null;
  yoy: number | null;
}
export interface OpenCaseItem {
  id: string;
  number: string;
  stage: string;
  type: string;
  category: string;
  regionCode: string;
  deadline: string | null;
  reportedAt: string;
  escalationCount: number;
}
export interface Dashboard {
  region: { code: string; name: string; level: string };
  period: { kind: string; from: string; to: string; workingDays: boolean };
  indicators: DashboardIndicator[];
  funnel: { key: TallyMetric; label: string; count: number }[];
  byCategory: { value: string; label: string; count: number }[];
  byType: { value: string; label: string; count: number }[];
  bySource: { value: string; label: string; count: number }[];
  children: {
    code: string;
    name: string;
    reported: number;
    closed: number;
    late: number;
    closingOnTimeRate: number | null;
    handlingOnTimeRate: number | null;
  }[];
  daily: { date: string; reported: number; closed: number }[];
  trend: { month: string; reported: number; closed: number; closingOnTimeRate: number | null }[];
  overdue: OpenCaseItem[];
  escalated: OpenCaseItem[];
  generatedAt: string;
}
export interface DashboardQuery {
  region?: string;
  period: "month" | "quarter" | "year" | "custom";
  from?: string;
  to?: string;
  workingDays: boolean;
}
export interface DrillRow {
  caseId: string;
  number: string;
  action: string;
  label: string;
  at: string;
  due: string | null;
  late: boolean;
  passed: boolean | null;
  regionCode: string;
  category: string;
  type: string;
}

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
