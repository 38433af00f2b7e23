import { readDayTotals } from "../../../db/queries/case-day-queries";
import { openCaseList, readTally, type TallySpan } from "../../../db/queries/case-tally-queries";
import { findRegion, listRegionChildren } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { fromShanghai, shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { categoryLabel, defaultCaseCategories } from "../../../domain/case/case-categories";
import { caseSourceLabel, caseTypeLabel } from "../../../domain/case/case-types";
import { AppError } from "../../../domain/errors";
import { type CaseTally, emptyTally } from "../../../domain/indicators/case-tally";
import type { Dashboard, DashboardQuery } from "../../../domain/indicators/dashboard-view";
import { computeAll, computeIndicator } from "../../../domain/indicators/indicator-catalogue";
import {
  change,
  datesOf,
  lastYearPeriod,
  type Period,
  periodOf,
  previousPeriod,
  splitPeriod,
} from "../../../domain/indicators/indicator-period";
import { can } from "../../../domain/policies/access-table";
import { type IndustrySection, industrySections } from "../../../domain/site/industry";
import type { Deps } from "../../deps";
import { dashboardCoverage } from "./coverage-figure";
import { dashboardPatrolInputs } from "./patrol-figure";

export type { DashboardQuery };

const L = (en: boolean, l: { zh: string; en: string }) => (en ? l.en : l.zh);

/** The region a dashboard shows: the one asked for if in the actor's scope (404 otherwise), else the scope. */
export async function dashboardRegion(deps: Deps, actor: Actor, code: string | undefined) {
  const want = code ?? actor.scope[0];
  if (!want || !can(actor, "dashboard", "read", { regionCode: want })) throw new AppError("not_found");
  const region = await findRegion(deps.db, want);
  if (!region) throw new AppError("not_found");
  return region;
}

export function resolvePeriod(deps: Deps, q: DashboardQuery): Period {
  if (q.period === "custom" && (!q.from || !q.to || q.from > q.to))
    throw new AppError("validation_failed", {
      zh: "自定义统计期需要开始和结束日期，且开始不晚于结束",
      en: "A custom period needs from and to dates, from not after to",
    });
  return periodOf(q.period, deps.clock.now(), q.from && q.to ? { from: q.from, to: q.to } : undefined);
}

const span = (p: { from: string; to: string }): TallySpan => splitPeriod(p);

/** What every panel of one dashboard answer shares: the region (checked against the actor's scope) and period. */
export interface DashboardContext {
  deps: Deps;
  region: { code: string; name: string; level: string };
  period: Period;
  q: DashboardQuery;
  en: boolean;
}

export async function dashboardContext(
  deps: Deps,
  actor: Actor,
  q: DashboardQuery,
  en: boolean,
): Promise<DashboardContext> {
  const region = await dashboardRegion(deps, actor, q.region);
  return { deps, region, period: resolvePeriod(deps, q), q, en };
}

const total = async (c: DashboardContext, p: { from: string; to: string }): Promise<CaseTally | null> => {
  const [row] = await readTally(c.deps.db, { regionCode: c.region.code, span: span(p), group: "total" });
  return row ?? null;
};

/**
 * Key indicators with month on month and year on year (case figures), the register's figures (current
 * values: no comparison), and the funnel (the period's totals).
 */
async function indicatorsPanel(c: DashboardContext) {
  const { en, period } = c;
  const opts = { workingDays: c.q.workingDays };
  const [now, before, yearAgo, patrol, coverage] = await Promise.all([
    total(c, period),
    total(c, previousPeriod(period)),
    total(c, lastYearPeriod(period)),
    dashboardPatrolInputs(c.deps, c.region, period),
    dashboardCoverage(c.deps, c.region.code),
  ]);
  const indicators = computeAll({ cases: now ?? emptyTally(), patrol, coverage }, opts).map(
    ({ def, result }) => {
      const was = (t: CaseTally | null) =>
        computeIndicator(def.key, { cases: t ?? emptyTally() }, opts).value;
      return {
        key: def.key,
        label: L(en, def),
        formula: en ? def.formulaEn : def.formulaZh,
        unit: def.unit,
        better: def.better,
        source: def.source,
        drill: def.drill,
        ...result,
        mom: change(result.value, def.source === "cases" ? was(before) : null),
        yoy: change(result.value, def.source === "cases" ? was(yearAgo) : null),
      };
    },
  );
  const t = now ?? emptyTally();
  const funnel = (
    [
      ["reported", "上报", "Reported", t.reported],
      ["triaged", "受理", "Triaged", t.triaged - t.rejected],
      ["dispatched", "派遣", "Dispatched", t.dispatched - t.redirected],
      ["fedBack", "处置反馈", "Fed back", t.fedBack],
      ["rechecked", "复查通过", "Re-check passed", t.rechecked - t.reworked],
      ["closed", "结案", "Closed", t.closed],
    ] as const
  ).map(([key, zh, enLabel, count]) => ({ key, label: en ? enLabel : zh, count: Math.max(0, count) }));
  return { indicators, funnel };
}

type Dim = "category" | "type" | "source" | "industry";
const noIndustry = { zh: "未登记行业", en: "No industry registered" };
const dimLabel = (dim: Dim, value: string) =>
  dim === "category"
    ? categoryLabel(defaultCaseCategories, value)
    : dim === "industry"
      ? (industrySections[value as IndustrySection] ?? noIndustry)
      : ((dim === "type"
          ? caseTypeLabel[value as keyof typeof caseTypeLabel]
          : caseSourceLabel[value as keyof typeof caseSourceLabel]) ?? { zh: value, en: value });

/**
 * Hazards reported in the period by category, type, source or industry (the site's GB/T 4754 section;
 * "" for a case without a site or industry), most first.
 */
const byDim = (dim: Dim) => async (c: DashboardContext) =>
  (await readTally(c.deps.db, { regionCode: c.region.code, span: span(c.period), group: "dim", dim }))
    .map((r) => ({ value: r.dimValue, label: L(c.en, dimLabel(dim, r.dimValue)), count: r.reported }))
    // most first; equal counts by value, a missing value ("" — no industry) last
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(a.value === "") - Number(b.value === "") ||
        a.value.localeCompare(b.value),
    );

/** The sub-regions' figures (the choropleth). */
async function childrenPanel(c: DashboardContext) {
  const opts = { workingDays: c.q.workingDays };
  const [childRegions, rows] = await Promise.all([
    c.region.level === "village" ? [] : listRegionChildren(c.deps.db, c.region.code),
    readTally(c.deps.db, { regionCode: c.region.code, span: span(c.period), group: "child" }),
  ]);
  const childTallies = new Map(rows.map((r) => [r.regionCode, r]));
  return childRegions.map((r) => {
    const ct = childTallies.get(r.code) ?? null;
    const v = (key: string) => computeIndicator(key, { cases: ct ?? emptyTally() }, opts).value;
    return {
      code: r.code,
      name: r.name,
      reported: ct?.reported ?? 0,
      closed: ct?.closed ?? 0,
      late: ct?.late ?? 0,
      closingOnTimeRate: v("closing_on_time_rate"),
      handlingOnTimeRate: v("handling_on_time_rate"),
    };
  });
}

/** Reported and closed per day of the period (working days only with the switch). */
async function dailyPanel(c: DashboardContext) {
  const days = datesOf(c.period);
  const byDay = await readDayTotals(c.deps.db, c.region.code, days, shanghaiDate(c.deps.clock.now()));
  return days
    .filter((d) => !c.q.workingDays || c.deps.calendar.isWorkingDay(d))
    .map((d) => ({ date: d, reported: byDay.get(d)?.reported ?? 0, closed: byDay.get(d)?.closed ?? 0 }));
}

/** Twelve months up to the period's end. */
async function trendPanel(c: DashboardContext) {
  const months: string[] = [];
  for (
    let p: { from: string; to: string } = periodOf("month", fromShanghai(c.period.to));
    months.length < 12;
  ) {
    months.unshift(p.from.slice(0, 7));
    p = previousPeriod({ kind: "month", ...p });
  }
  const rows = await readTally(c.deps.db, {
    regionCode: c.region.code,
    span: { months, days: [] },
    group: "day",
  });
  const byMonth = new Map(rows.map((r) => [r.period, r]));
  return months.map((m) => {
    const mt = byMonth.get(m) ?? null;
    return {
      month: m,
      reported: mt?.reported ?? 0,
      closed: mt?.closed ?? 0,
      closingOnTimeRate: computeIndicator("closing_on_time_rate", { cases: mt ?? emptyTally() }).value,
    };
  });
}

/**
 * The panels of a region's dashboard (issue 13.2), each read from the rollup only (the open lists are
 * index-led and limited). `regionDashboard` answers them all at once; the dashboard bench times each.
 */
export const dashboardPanels = {
  indicators: indicatorsPanel,
  byCategory: byDim("category"),
  byType: byDim("type"),
  bySource: byDim("source"),
  byIndustry: byDim("industry"),
  children: childrenPanel,
  daily: dailyPanel,
  trend: trendPanel,
  overdue: (c: DashboardContext) => openCaseList(c.deps.db, c.region.code, "overdue", 10),
  escalated: (c: DashboardContext) => openCaseList(c.deps.db, c.region.code, "escalated", 10),
};

/**
 * A region's dashboard for a period: key indicators with month on month and year on year, the funnel,
 * hazards by category/type/source/industry and by sub-region (the choropleth), the daily series, twelve months of
 * trend, and the open overdue and escalated lists; the panels' reads go out together.
 */
export async function regionDashboard(
  deps: Deps,
  actor: Actor,
  q: DashboardQuery,
  en: boolean,
): Promise<Dashboard> {
  const c = await dashboardContext(deps, actor, q, en);
  const p = dashboardPanels;
  const [main, byCategory, byType, bySource, byIndustry, children, daily, trend, overdue, escalated] =
    await Promise.all([
      p.indicators(c),
      p.byCategory(c),
      p.byType(c),
      p.bySource(c),
      p.byIndustry(c),
      p.children(c),
      p.daily(c),
      p.trend(c),
      p.overdue(c),
      p.escalated(c),
    ]);
  return {
    region: { code: c.region.code, name: c.region.name, level: c.region.level },
    period: {
      ...c.period,
      previous: previousPeriod(c.period),
      lastYear: lastYearPeriod(c.period),
      workingDays: q.workingDays,
    },
    ...main,
    byCategory,
    byType,
    bySource,
    byIndustry,
    children,
    daily,
    trend,
    overdue,
    escalated,
    generatedAt: deps.clock.now().toISOString(),
  };
}
