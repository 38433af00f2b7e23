import { dayNumberToDate, shanghaiDayNumber } from "../calendar/shanghai-time";
import { anyDayMarked, type PatrolDays, type YearDay, yearDayOf } from "../patrol/patrol-days";
import { lastDayOf, periodOf, previousPeriod } from "../patrol/patrol-period";
import { frequencyOf, type PatrolFrequency, type PatrolPlan, patrolFrequencies } from "../patrol/patrol-plan";
import {
  type IndicatorDef,
  type IndicatorValue,
  type PatrolFact,
  type Period,
  type RecordRef,
  rate,
  type SiteFact,
} from "./indicator";

/**
 * Coverage and patrol indicators of the assessment catalogue (R22, R23): patrol coverage against the
 * county's patrol plan, from the patrol records; site coverage (入格率) from the site register. Each is one
 * pure function; with nothing to measure it is unavailable, never 0.
 */

/** What coverage reads of a check-in: which site, when the server received it, and its id (the record). */
export type PatrolVisit = Pick<PatrolFact, "id" | "siteId" | "receivedAt">;

/** One patrol period a site owes in the assessed period, and the patrol that met it (null: missed). */
export interface SitePeriod<P extends PatrolVisit = PatrolFact> {
  site: SiteFact;
  /** The period's first and last Shanghai days' instants: [start, end). */
  start: string;
  end: string;
  /** Its last day, YYYY-MM-DD (what the plan says it is due by). */
  dueBy: string;
  metBy: P | null;
}

/** What owing patrol periods reads of a site (its frequency, whether grid workers patrol it, since when). */
export type OwingSite = Pick<SiteFact, "id" | "kind" | "riskLevel" | "createdAt" | "direct">;

/** One owed patrol period: instants, its last day, its first Shanghai day and its Shanghai day bounds. */
export interface OwedPeriod {
  start: string;
  end: string;
  startMs: number;
  /** Its first Shanghai day, YYYY-MM-DD (the key of the kept counts, `patrol_met`). */
  startDay: string;
  dueBy: string;
  from: YearDay;
  to: YearDay;
}

/**
 * The periods of a frequency whose LAST DAY falls in `p`, oldest first — so every period is judged in exactly
 * one month (a week in the month holding its Sunday, a quarter in its last month). The same for every site.
 */
export function owedPeriodsOf(frequency: PatrolFrequency, p: Period): OwedPeriod[] {
  const from = Date.parse(p.from);
  const to = Date.parse(p.to);
  const out: OwedPeriod[] = [];
  for (
    let q = periodOf(frequency, new Date(to - 1));
    q.end.getTime() > from;
    q = previousPeriod(frequency, q.start)
  )
    if (q.end.getTime() <= to)
      out.push({
        start: q.start.toISOString(),
        end: q.end.toISOString(),
        startMs: q.start.getTime(),
        startDay: dayNumberToDate(shanghaiDayNumber(q.start)),
        dueBy: lastDayOf(q),
        from: yearDayOf(q.start),
        to: yearDayOf(q.end),
      });
  return out.reverse();
}

/** `owedPeriodsOf` for `p`, each frequency's made once (the same for every site). */
function owedPeriodsIn(p: Period): (frequency: PatrolFrequency) => OwedPeriod[] {
  const periods = new Map<PatrolFrequency, OwedPeriod[]>();
  return (frequency) => {
    const known = periods.get(frequency);
    if (known) return known;
    const made = owedPeriodsOf(frequency, p);
    periods.set(frequency, made);
    return made;
  };
}

/**
 * Each patrol period owed in `p`, site by site, oldest first: for every site patrolled by grid workers (not
 * under direct supervision), each period of its plan frequency (by risk level, or its kind's override) that
 * `owedPeriodsOf` gives and that began after the site was registered (a site gets a whole period first, as
 * on the patrol page). The assessment's list and the dashboard's counts both walk it.
 */
function eachOwedPeriod<S extends OwingSite>(
  sites: S[],
  plan: PatrolPlan,
  p: Period,
  each: (site: S, q: OwedPeriod, first: boolean) => void,
): void {
  const periodsOf = owedPeriodsIn(p);
  for (const site of sites) {
    if (site.direct) continue;
    const created = Date.parse(site.createdAt);
    let first = true;
    for (const q of periodsOf(frequencyOf(plan, site))) {
      if (created >= q.startMs) continue;
      each(site, q, first);
      first = false;
    }
  }
}

/**
 * The patrol periods owed in `p` (see `eachOwedPeriod`), each with the patrol that met it: the first of
 * `patrols` of that site received inside it (null: missed).
 */
export function owedPatrolPeriods<P extends PatrolVisit>(
  sites: SiteFact[],
  patrols: P[],
  plan: PatrolPlan,
  p: Period,
): SitePeriod<P>[] {
  const bySite = new Map<string, P[]>();
  for (const x of [...patrols].sort((a, b) =>
    a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0,
  )) {
    const list = bySite.get(x.siteId);
    if (list) list.push(x);
    else bySite.set(x.siteId, [x]);
  }
  const out: SitePeriod<P>[] = [];
  // a site's periods come oldest first, so its visits are walked once alongside them
  let visits: P[] = [];
  let v = 0;
  eachOwedPeriod(sites, plan, p, (site, q, first) => {
    if (first) {
      visits = bySite.get(site.id) ?? [];
      v = 0;
    }
    while (v < visits.length && visits[v].receivedAt < q.start) v++;
    const metBy = v < visits.length && visits[v].receivedAt < q.end ? visits[v] : null;
    out.push({ site, start: q.start, end: q.end, dueBy: q.dueBy, metBy });
  });
  return out;
}

/**
 * How many patrol periods the sites owe in `p` and how many of them a check-in met — the same periods and
 * rule as `owedPatrolPeriods`, counted without keeping them (a county's dashboard over a year: hundreds of
 * thousands of periods) from each site's patrolled days (`patrol_day`): a period is met when any of its
 * Shanghai days has a check-in.
 */
export function patrolPlanCounts(
  sites: OwingSite[],
  days: ReadonlyMap<string, PatrolDays>,
  plan: PatrolPlan,
  p: Period,
): { owed: number; met: number } {
  let owed = 0;
  let met = 0;
  let marks: PatrolDays | undefined;
  eachOwedPeriod(sites, plan, p, (site, q, first) => {
    if (first) marks = days.get(site.id);
    owed++;
    if (anyDayMarked(marks, q.from, q.to)) met++;
  });
  return { owed, met };
}

/**
 * The rollups a county's or township's patrol plan coverage is counted from (migration 202612151000, kept by
 * triggers): the sites owing patrols per kind, risk level and Shanghai day of registration, and per frequency
 * and period how many of them a check-in met (periods begun after the site's registration only).
 */
export interface PatrolTally {
  owing: { kind: string; riskLevel: string | null; createdDay: string; sites: number }[];
  met: { kind: string; riskLevel: string | null; frequency: string; periodStart: string; sites: number }[];
}

/**
 * `patrolPlanCounts` from the rollups instead of the sites: a site of a class (kind, risk level) owes each
 * period of its plan frequency that `owedPeriodsOf` gives and that began after its registration day (a
 * period begins at Shanghai midnight, so "registered before the period began" is "registered on an earlier
 * day"); the met count of that class, frequency and period is how many of them a check-in met. A class's
 * counts of the other frequencies are there for another plan and are not read.
 */
export function patrolPlanCountsKept(
  tally: PatrolTally,
  plan: PatrolPlan,
  p: Period,
): { owed: number; met: number } {
  const periodsOf = owedPeriodsIn(p);
  let owed = 0;
  for (const o of tally.owing)
    for (const q of periodsOf(frequencyOf(plan, o))) if (q.startDay > o.createdDay) owed += o.sites;
  const starts = new Map<PatrolFrequency, Set<string>>();
  const startsOf = (frequency: PatrolFrequency) => {
    const known = starts.get(frequency);
    if (known) return known;
    const made = new Set(periodsOf(frequency).map((q) => q.startDay));
    starts.set(frequency, made);
    return made;
  };
  let met = 0;
  for (const m of tally.met) {
    const frequency = frequencyOf(plan, m);
    if (m.frequency === frequency && startsOf(frequency).has(m.periodStart)) met += m.sites;
  }
  return { owed, met };
}

/**
 * The first instant a check-in can meet a patrol period owed in `p`: of the frequencies with a period
 * ending in `p`, the start of the period holding `p`'s first instant (every later period starts after
 * it). November needs its weeks back to the Monday before the 1st (its quarter and year end later),
 * December the whole year, January the fortnight begun before New Year.
 */
export function patrolsFrom(p: Period): string {
  const first = new Date(p.from);
  const to = Date.parse(p.to);
  const starts = patrolFrequencies
    .map((f) => periodOf(f, first))
    .filter((q) => q.end.getTime() <= to)
    .map((q) => q.start.getTime());
  return new Date(Math.min(Date.parse(p.from), ...starts)).toISOString();
}

/**
 * Patrol plan coverage of some sites over a period: owed periods met ÷ owed periods (the records: the
 * check-ins that met them); unavailable, never 0, when no plan applies or nothing is owed. The assessment
 * (per township and grid worker) and the region dashboard (per county, township or village) both call it.
 */
export function patrolPlanCoverage(
  sites: SiteFact[],
  patrols: PatrolVisit[],
  plan: PatrolPlan | null,
  p: Period,
): IndicatorValue {
  if (!plan) return { available: false, reason: { zh: "未适用巡查计划", en: "No patrol plan applies" } };
  const owed = owedPatrolPeriods(sites, patrols, plan, p);
  const records: RecordRef[] = owed.flatMap((o) =>
    o.metBy ? [{ kind: "patrol" as const, id: o.metBy.id, label: `${o.site.name} · ${o.dueBy}` }] : [],
  );
  return rate(records, owed.length, {
    zh: "本期没有按巡查计划到期的场所巡查周期",
    en: "No site's patrol period under the plan ends in the period",
  });
}

export const patrolCoverage: IndicatorDef = {
  id: "patrol_coverage",
  zh: "巡查计划完成率",
  en: "Patrol plan coverage",
  unit: "percent",
  higherIsBetter: true,
  formula: {
    zh:
      "巡查计划完成率 = 有巡查记录的应巡查周期数 ÷ 应巡查周期数 × 100%。应巡查周期：所辖网格内每个在册场所" +
      "（直接监管的除外）按县巡查计划的频次（按风险等级，或场所类型的特别规定）划分的周期中，最后一天落在本期、" +
      "且开始时场所已登记的周期；该周期内有一次巡查签到即为完成",
    en:
      "Owed patrol periods with a check-in ÷ owed patrol periods × 100%. Owed: for each registered site of the " +
      "subject's grids (direct supervision excluded), each period of the county plan's frequency (by risk " +
      "level or the site kind's override) whose last day falls in the period and that began after the site " +
      "was registered; one check-in inside the period meets it",
  },
  levels: ["grid_worker", "township"],
  compute(f, p): IndicatorValue {
    return patrolPlanCoverage(f.sites, f.patrols, f.patrolPlan, p);
  },
};

export const siteCoverage: IndicatorDef = {
  id: "site_coverage",
  zh: "场所入格率",
  en: "Sites in grids",
  unit: "percent",
  higherIsBetter: true,
  formula: {
    zh: "场所入格率 = 辖区内已划入网格的在册场所数 ÷ 辖区内网格监管的在册场所数 × 100%（取自场所台账的当前登记，已注销的与直接监管的不计）",
    en: "Registered sites of the subject's region assigned to a grid ÷ its registered sites under grid supervision × 100% (the register as it stands; closed and directly supervised sites excluded)",
  },
  levels: ["township"],
  compute(f): IndicatorValue {
    // directly supervised sites are outside the grid by design (R4), as on the coverage page and the dashboard
    const gridSites = f.sites.filter((s) => !s.direct);
    const records: RecordRef[] = gridSites
      .filter((s) => s.gridId !== null)
      .map((s) => ({ kind: "site", id: s.id, label: s.name }));
    return rate(records, gridSites.length, {
      zh: "辖区内无在册场所",
      en: "No registered site in the region",
    });
  },
};
