import { owingSitesUnder, patrolDaysUnder } from "../../../db/queries/assessment-fact-queries";
import { patrolTallyUnder } from "../../../db/queries/patrol-met-queries";
import { patrolsFrom } from "../../../domain/assessment/coverage-indicators";
import { addCalendarDays, fromShanghai } from "../../../domain/calendar/shanghai-time";
import type { PatrolInputs } from "../../../domain/indicators/indicator-catalogue";
import type { Period } from "../../../domain/indicators/indicator-period";
import { yearDayOf } from "../../../domain/patrol/patrol-days";
import type { PatrolFrequency, PatrolPlan } from "../../../domain/patrol/patrol-plan";
import type { Deps } from "../../deps";
import { plansOf } from "../patrols/patrol-plan";

/**
 * What the dashboard's patrol plan coverage is computed from (issue 13.2), over the period as Shanghai
 * instants cut at the present, with the county's plan (its own or the default):
 * - a county or township: the patrol rollups (`site_owing`, `patrol_met`, kept by triggers), a few hundred
 *   rows whatever its number of sites, counted by `patrolPlanCountsKept`;
 * - a village: its registered sites and each site's patrolled days (`patrol_day`), counted by
 *   `patrolPlanCounts`, which walks the same owed periods as the assessment's `patrolPlanCoverage`;
 * - a city or the province: `by_county` (plans are the counties').
 */
export async function dashboardPatrolInputs(
  deps: Deps,
  region: { code: string; level: string },
  period: Period,
): Promise<PatrolInputs> {
  if (region.code.length < 6) return "by_county";
  const from = fromShanghai(period.from).getTime();
  const end = fromShanghai(addCalendarDays(period.to, 1)).getTime();
  const to = new Date(Math.min(end, Math.max(deps.clock.now().getTime(), from))).toISOString();
  const p = { from: new Date(from).toISOString(), to };
  const county = region.code.slice(0, 6);
  const plan = (await plansOf(deps.db, [county])).get(county) ?? null;
  if (region.code.length <= 9) {
    if (!plan) return { tally: { owing: [], met: [] }, plan, period: p };
    const tally = await patrolTallyUnder(deps.db, region.code, frequenciesOf(plan), p);
    return { tally, plan, period: p };
  }
  const [sites, days] = await Promise.all([
    owingSitesUnder(deps.db, region.code),
    patrolDaysUnder(deps.db, region.code, yearDayOf(patrolsFrom(p)).year, yearDayOf(to).year),
  ]);
  return { sites, days, plan, period: p };
}

/** The frequencies a plan gives some site. */
function frequenciesOf(plan: PatrolPlan): PatrolFrequency[] {
  return [...new Set([...Object.values(plan.byRisk), plan.unrated, ...Object.values(plan.byKind)])];
}
