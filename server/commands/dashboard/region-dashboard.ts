import { openCaseList, readTally, type TallySpan } from "../../../db/queries/case-tally-queries";
import { findRegion, listRegionChildren } from "../../../db/queries/region-queries";
import type { Actor } from "../../../domain/auth/actor";
import { fromShanghai } from "../../../domain/calendar/shanghai-time";
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
  type PeriodKind,
  periodOf,
  previousPeriod,
  splitPeriod,
} from "../../../domain/indicators/indicator-period";
import { can } from "../../../domain/policies/access-table";
import type { Deps } from "../../deps";
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
const total = async (
  deps: Deps,
  regionCode: string,
  p: { from: string; to: string },
): Promise<CaseTally | null> => {
  const [row] = await readTally(deps.db, { regionCode, span: span(p), group: "total" });
  return row ?? null;
};

/**
 * A region's dashboard for a period (issue 13.2), read from the rollup only: key indicators with month on
 * month and year on year, the funnel, hazards by category/type/source and by sub-region (the choropleth),
 * the daily series, twelve months of trend, and the open overdue and escalated lists (index-led, limited).
 */
export async function regionDashboard(
  deps: Deps,
  actor: Actor,
  q: DashboardQuery,
  en: boolean,
): Promise<Dashboard> {
  const region = await dashboardRegion(deps, actor, q.region);
  const period = resolvePeriod(deps, q);
  const prev = previousPeriod(period);
  const lastYear = lastYearPeriod(period);
  const opts = { workingDays: q.workingDays };
  const [now, before, yearAgo, patrol] = await Promise.all([
    total(deps, region.code, period),
    total(deps, region.code, prev),
    total(deps, region.code, lastYear),
    dashboardPatrolInputs(deps, region, period),
  ]);
  const inputs = { cases: now ?? emptyTally(), patrol };
  const indicators = computeAll(inputs, opts).map(({ def, result }) => {
    const was = (t: CaseTally | null) => computeIndicator(def.key, { cases: t ?? emptyTally() }, opts).value;
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
  });
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
  const byDim = async (dim: "category" | "type" | "source") =>
    (await readTally(deps.db, { regionCode: region.code, span: span(period), group: "dim", dim }))
      .map((r) => ({
        value: r.dimValue,
        label:
          dim === "category"
            ? L(en, categoryLabel(defaultCaseCategories, r.dimValue))
            : dim === "type"
              ? L(
                  en,
                  caseTypeLabel[r.dimValue as keyof typeof caseTypeLabel] ?? {
                    zh: r.dimValue,
                    en: r.dimValue,
                  },
                )
              : L(
                  en,
                  caseSourceLabel[r.dimValue as keyof typeof caseSourceLabel] ?? {
                    zh: r.dimValue,
                    en: r.dimValue,
                  },
                ),
        count: r.reported,
      }))
      .sort((a, b) => b.count - a.count);
  const childRegions = region.level === "village" ? [] : await listRegionChildren(deps.db, region.code);
  const childTallies = new Map(
    (await readTally(deps.db, { regionCode: region.code, span: span(period), group: "child" })).map((r) => [
      r.regionCode,
      r,
    ]),
  );
  const children = childRegions.map((c) => {
    const ct = childTallies.get(c.code) ?? null;
    const v = (key: string) => computeIndicator(key, { cases: ct ?? emptyTally() }, opts).value;
    return {
      code: c.code,
      name: c.name,
      reported: ct?.reported ?? 0,
      closed: ct?.closed ?? 0,
      late: ct?.late ?? 0,
      closingOnTimeRate: v("closing_on_time_rate"),
      handlingOnTimeRate: v("handling_on_time_rate"),
    };
  });
  const daysRows = new Map(
    (
      await readTally(deps.db, {
        regionCode: region.code,
        span: { months: [], days: datesOf(period) },
        group: "day",
      })
    ).map((r) => [r.period, r]),
  );
  const daily = datesOf(period)
    .filter((d) => !q.workingDays || deps.calendar.isWorkingDay(d))
    .map((d) => ({
      date: d,
      reported: daysRows.get(d)?.reported ?? 0,
      closed: daysRows.get(d)?.closed ?? 0,
    }));
  const months: string[] = [];
  for (
    let p: { from: string; to: string } = periodOf("month", fromShanghai(period.to));
    months.length < 12;
  ) {
    months.unshift(p.from.slice(0, 7));
    p = previousPeriod({ kind: "month", ...p });
  }
  const monthRows = new Map(
    (await readTally(deps.db, { regionCode: region.code, span: { months, days: [] }, group: "day" })).map(
      (r) => [r.period, r],
    ),
  );
  const trend = months.map((m) => {
    const mt = monthRows.get(m) ?? null;
    return {
      month: m,
      reported: mt?.reported ?? 0,
      closed: mt?.closed ?? 0,
      closingOnTimeRate: computeIndicator("closing_on_time_rate", { cases: mt ?? emptyTally() }).value,
    };
  });
  const [overdue, escalated] = await Promise.all([
    openCaseList(deps.db, region.code, "overdue", 10),
    openCaseList(deps.db, region.code, "escalated", 10),
  ]);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    period: { ...period, previous: prev, lastYear, workingDays: q.workingDays },
    indicators,
    funnel,
    byCategory: await byDim("category"),
    byType: await byDim("type"),
    bySource: await byDim("source"),
    children,
    daily,
    trend,
    overdue,
    escalated,
    generatedAt: deps.clock.now().toISOString(),
  };
}
