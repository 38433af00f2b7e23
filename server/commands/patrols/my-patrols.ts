import { listPatrolSites } from "../../../db/queries/patrol-queries";
import type { Actor } from "../../../domain/auth/actor";
import { lastDayOf, type PatrolStatus, patrolStatus, periodOf } from "../../../domain/patrol/patrol-period";
import { frequencyOf, type PatrolFrequency } from "../../../domain/patrol/patrol-plan";
import type { Deps } from "../../deps";
import { plansOf } from "./patrol-plan";

/** At most this many sites in one worker's list (a township station's whole township stays well below). */
export const mySitesLimit = 2000;

export interface MyPatrolItem {
  siteId: string;
  siteName: string;
  address: string;
  riskLevel: string | null;
  kind: string;
  frequency: PatrolFrequency;
  dueBy: string;
  status: PatrolStatus;
  lastVisitAt: string | null;
}

const order: Record<PatrolStatus, number> = { overdue: 0, due: 1, done: 2 };

/**
 * The actor's patrol list (R22): every site it patrols with its frequency under the county's plan and its
 * status on the server's `now` — overdue first, then due (soonest first), then done. `period` is the
 * current Shanghai week (what "due this week" means on the phone: items whose `dueBy` falls in it).
 */
export async function myPatrols(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  const sites = await listPatrolSites(deps.db, actor, mySitesLimit);
  const plans = await plansOf(
    deps.db,
    sites.map((s) => s.regionCode.slice(0, 6)),
  );
  const items: MyPatrolItem[] = sites.map((s) => {
    const frequency = frequencyOf(plans.get(s.regionCode.slice(0, 6))!, s);
    const st = patrolStatus(s, frequency, s.lastVisitAt, now);
    return {
      siteId: s.id,
      siteName: s.name,
      address: s.address,
      riskLevel: s.riskLevel,
      kind: s.kind,
      frequency,
      dueBy: st.dueBy,
      status: st.status,
      lastVisitAt: s.lastVisitAt,
    };
  });
  items.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      a.dueBy.localeCompare(b.dueBy) ||
      a.siteName.localeCompare(b.siteName),
  );
  const week = periodOf("weekly", now);
  return {
    serverTime: now.toISOString(),
    period: { from: week.start.toISOString(), to: week.end.toISOString(), lastDay: lastDayOf(week) },
    items,
    truncated: sites.length === mySitesLimit,
  };
}
