import { owingSitesUnder, patrolDaysUnder } from "../../../db/queries/assessment-fact-queries";
import { patrolsFrom } from "../../../domain/assessment/coverage-indicators";
import { addCalendarDays, fromShanghai } from "../../../domain/calendar/shanghai-time";
import type { PatrolInputs } from "../../../domain/indicators/indicator-catalogue";
import type { Period } from "../../../domain/indicators/indicator-period";
import { yearDayOf } from "../../../domain/patrol/patrol-days";
import type { Deps } from "../../deps";
import { plansOf } from "../patrols/patrol-plan";

/**
 * What the dashboard's patrol plan coverage is computed from (issue 13.2): for a county, township or
 * village, its registered sites, each site's patrolled days in the years from the earliest owed period's start and the
 * county's plan (its own or the default), over the period as Shanghai instants cut at the present — counted
 * by `patrolPlanCounts`, which walks the same owed periods as the assessment's `patrolPlanCoverage`. A city or the province: `by_county` (plans are the
 * counties'; summing every county's sites and patrols per request would scan the province).
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
  const [sites, days, plans] = await Promise.all([
    owingSitesUnder(deps.db, region.code),
    patrolDaysUnder(deps.db, region.code, yearDayOf(patrolsFrom(p)).year, yearDayOf(to).year),
    plansOf(deps.db, [region.code.slice(0, 6)]),
  ]);
  return { sites, days, plan: plans.get(region.code.slice(0, 6)) ?? null, period: p };
}
