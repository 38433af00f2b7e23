import { gridWorkersUnder } from "../../../db/queries/assessment-fact-queries";
import { findRegion, findRegions } from "../../../db/queries/region-queries";
import { attendedSessionsOf, plansHolding } from "../../../db/queries/training-plan-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import {
  type MyTrainingHours,
  requiredHoursFor,
  shanghaiYearMonth,
  type TrainingHoursPage,
  trainingYearOf,
  yearPeriod,
} from "../../../domain/tasks/training-hours";
import { sessionHours } from "../../../domain/tasks/training-plan";
import type { Deps } from "../../deps";
import { activeWorkers, ancestorsOf, trainingYearUnder } from "../assessment/subject-facts";
import { scopeRegion } from "../users/user-scope";

export interface TrainingHoursQuery {
  year?: number;
  region?: string;
  /** Part of a worker's name: narrows the list (the summary stays the region's). */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * 每人年度培训学时 (R19, issue 13.6): the active grid workers of a region in the actor's reach (offices and
 * township stations, `trainingPlan.hours`; another region is 404), each with the hours of the sessions they
 * attended that started in the year, against the year's plan; by region, then name; `q` narrows to
 * names containing it; paged, with the summary of the whole region. The same figures feed the assessment's 培训学时达标率.
 */
export async function trainingHoursPage(
  deps: Deps,
  actor: Actor,
  q: TrainingHoursQuery,
): Promise<TrainingHoursPage> {
  const code = q.region ?? actor.scope[0];
  if (!code || !can(actor, "trainingPlan", "hours", { regionCode: code })) throw new AppError("not_found");
  const region = await findRegion(deps.db, code);
  if (!region) throw new AppError("not_found");
  const year = q.year ?? shanghaiYearMonth(deps.clock.now()).year;
  const [workerRows, ty] = await Promise.all([
    gridWorkersUnder(deps.db, code),
    trainingYearUnder(deps, code, yearPeriod(year).to),
  ]);
  const rows = trainingYearOf(activeWorkers(workerRows), ty.attended, ty.plans, year).sort(
    (a, b) =>
      a.regionCode.localeCompare(b.regionCode) ||
      a.name.localeCompare(b.name, "zh-CN") ||
      (a.userId < b.userId ? -1 : 1),
  );
  const listed = q.q ? rows.filter((r) => r.name.includes(q.q as string)) : rows;
  const page = listed.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const names = new Map(
    (await findRegions(deps.db, [...new Set(page.map((r) => r.regionCode))])).map((r) => [r.code, r.name]),
  );
  const withPlan = rows.filter((r) => r.requiredHours !== null);
  return {
    year,
    region: { code: region.code, name: region.name },
    items: page.map((r) => ({ ...r, regionName: names.get(r.regionCode) ?? null })),
    total: listed.length,
    page: q.page,
    pageSize: q.pageSize,
    summary: {
      workers: rows.length,
      withPlan: withPlan.length,
      met: withPlan.filter((r) => r.met).length,
      hours: Math.round(rows.reduce((t, r) => t + r.hours, 0) * 100) / 100,
    },
  };
}

/** A field worker's own training year (their phone): hours, sessions, scores, the plan's hours. */
export async function myTrainingHours(deps: Deps, actor: Actor, year?: number): Promise<MyTrainingHours> {
  const y = year ?? shanghaiYearMonth(deps.clock.now()).year;
  const regionCode = scopeRegion(actor.scope);
  const { from, to } = yearPeriod(y);
  const [rows, plans] = await Promise.all([
    attendedSessionsOf(deps.db, actor.id, from, to),
    plansHolding(deps.db, regionCode, ancestorsOf(regionCode), y),
  ]);
  const attended = rows.map((r) => ({
    attendanceId: r.attendanceId,
    userId: r.userId,
    trainingId: r.trainingId,
    title: r.title,
    startsAt: r.startsAt,
    hours: sessionHours(r.startsAt, r.endsAt, r.hours),
    score: r.score ?? null,
  }));
  const planHours = plans.map((p) => ({ ...p, plannedHours: Number(p.plannedHours) }));
  const [me] = trainingYearOf(
    [{ id: actor.id, name: actor.displayName, regionCode }],
    attended,
    planHours,
    y,
  );
  return {
    year: y,
    hours: me.hours,
    sessions: me.sessions,
    averageScore: me.averageScore,
    requiredHours: requiredHoursFor(regionCode, y, planHours),
    met: me.met,
    items: attended.map((a) => ({
      trainingId: a.trainingId,
      title: a.title,
      startsAt: a.startsAt,
      hours: a.hours,
      score: a.score,
    })),
  };
}
