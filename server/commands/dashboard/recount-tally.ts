import type { Tx } from "../../../db/db";
import { caseStepsAfter, tallyLevels } from "../../../db/queries/case-tally-queries";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import type { WorkingCalendar } from "../../../domain/calendar/working-calendar";
import {
  addTally,
  type CaseTally,
  emptyTally,
  isLate,
  stepOfEvent,
  tallyOfStep,
} from "../../../domain/indicators/case-tally";

export const tallyKey = (r: {
  regionCode: string;
  grain: string;
  period: string;
  dim: string;
  dimValue: string;
}) => `${r.regionCode}|${r.grain}|${r.period}|${r.dim}|${r.dimValue}`;

/**
 * The full recount (issue 13.2): the rollup computed again from the trail, event by event, with the same
 * pure step function. The bench and the property test compare it with what the commands kept.
 */
export async function recountTally(db: Tx, calendar: WorkingCalendar): Promise<Map<string, CaseTally>> {
  const out = new Map<string, CaseTally>();
  const lateSteps = new Map<string, number>();
  let after = 0;
  for (;;) {
    const page = await caseStepsAfter(db, after, 5000);
    if (page.length === 0) break;
    for (const ev of page) {
      after = ev.id;
      const data = JSON.parse(ev.data) as Record<string, unknown>;
      const late = lateSteps.get(ev.caseId) ?? 0;
      const step = stepOfEvent({ ...ev, data }, { reportedAt: ev.reportedAt, lateBefore: late > 0 });
      if (!step) continue;
      if (isLate(step)) lateSteps.set(ev.caseId, late + 1);
      const delta = tallyOfStep(step, (f, t) => calendar.workingHoursBetween(f, t));
      const day = shanghaiDate(new Date(ev.at));
      const dims: [string, string][] = [["", ""]];
      if (step.action === "report")
        dims.push(
          ["category", String(data.category)],
          ["type", String(data.type)],
          ["source", String(data.source)],
          ["industry", typeof data.industry === "string" ? data.industry : ""],
        );
      for (const regionCode of tallyLevels(ev.regionCode))
        for (const [grain, period] of [
          ["d", day],
          ["m", day.slice(0, 7)],
        ])
          for (const [dim, dimValue] of dims) {
            const key = tallyKey({ regionCode, grain, period, dim, dimValue });
            const t = out.get(key) ?? emptyTally();
            addTally(t, delta);
            out.set(key, t);
          }
    }
  }
  return out;
}
