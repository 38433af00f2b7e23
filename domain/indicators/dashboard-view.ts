import type { TallyMetric } from "./case-tally";
import type {
  CoverageDrill,
  DrillMetric,
  IndicatorResult,
  IndicatorSource,
  IndicatorUnit,
} from "./indicator-catalogue";
import type { Period, PeriodKind } from "./indicator-period";

/**
 * What `GET /dashboard` and `GET /dashboard/rows` answer (issue 13.2): one set of types for the server that
 * builds them and the console that shows them (statistics page, big screen, drill-down).
 */
export interface DashboardQuery {
  region?: string;
  period: PeriodKind;
  from?: string;
  to?: string;
  workingDays: boolean;
}

export interface DashboardIndicator extends IndicatorResult {
  key: string;
  label: string;
  formula: string;
  unit: IndicatorUnit;
  better: "higher" | "lower";
  source: IndicatorSource;
  drill: DrillMetric | null;
  /** Change against the previous period and the same period a year before (null: not comparable). */
  mom: number | null;
  yoy: number | null;
}

/** An open case on the overdue or escalated list. */
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

export interface DashboardCount {
  value: string;
  label: string;
  count: number;
}

/** A type alias, not an interface: Fastify's reply schema wants an object with an index signature. */
export type Dashboard = {
  region: { code: string; name: string; level: string };
  period: Period & { previous: Period; lastYear: Period; workingDays: boolean };
  indicators: DashboardIndicator[];
  funnel: { key: TallyMetric; label: string; count: number }[];
  byCategory: DashboardCount[];
  byType: DashboardCount[];
  bySource: DashboardCount[];
  /** By the industry (GB/T 4754 section, value "" for none) of the reported case's site. */
  byIndustry: DashboardCount[];
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
};

/** A row behind a figure: one case step of the period that the figure counts. */
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

/** A row behind a register figure: a site not in a grid, or an active grid without a grid worker. */
export interface CoverageDrillRow {
  id: string;
  /** The grid's code, or the site's unified social credit code (null when it has none). */
  code: string | null;
  name: string;
  regionCode: string;
  regionName: string | null;
  /** The site's address, or the grid's township. */
  detail: string | null;
}

/** What `GET /dashboard/rows` answers for a register figure. */
export type CoverageDrillAnswer = {
  region: { code: string; name: string };
  metric: CoverageDrill;
  kind: "sites" | "grids";
  rows: CoverageDrillRow[];
  total: number;
};
