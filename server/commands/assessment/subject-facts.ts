import {
  attendanceFactsOf,
  caseFactsUnder,
  departmentMembersUnder,
  departmentsUnder,
  gridWorkersUnder,
  patrolFactsUnder,
  siteFactsUnder,
  townshipsUnder,
  trainingFactsFor,
} from "../../../db/queries/assessment-fact-queries";
import { findPatrolPlansUnder } from "../../../db/queries/patrol-queries";
import { attendedSessionsUnder, plansHolding } from "../../../db/queries/training-plan-queries";
import type { AssessedSubject, SubjectFacts, SubjectLevel } from "../../../domain/assessment";
import { patrolsFrom } from "../../../domain/assessment/coverage-indicators";
import { fromShanghai } from "../../../domain/calendar/shanghai-time";
import { defaultPatrolPlan, parseStoredPlan } from "../../../domain/patrol/patrol-plan";
import {
  type AttendedInYear,
  type PlanHours,
  shanghaiYearMonth,
  yearPeriod,
} from "../../../domain/tasks/training-hours";
import { sessionHours } from "../../../domain/tasks/training-plan";
import type { Deps } from "../../deps";

/** A month "YYYY-MM" as a half-open UTC period from Shanghai midnight to Shanghai midnight. */
export function monthPeriod(month: string) {
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: fromShanghai(`${month}-01`).toISOString(), to: fromShanghai(`${next}-01`).toISOString() };
}

export const ancestorsOf = (code: string) =>
  [2, 4, 6, 9].filter((n) => n < code.length).map((n) => code.slice(0, n));
/** A session's audience region and a person's or township's region meet (one contains the other). */
const meets = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/**
 * The year of training of a region's workers up to `to`: the check-ins to sessions (of the region or above
 * it) that started from the year's start, with each session's hours, and the year's plans that apply there.
 */
export async function trainingYearUnder(
  deps: Deps,
  region: string,
  to: string,
): Promise<{ year: number; attended: AttendedInYear[]; plans: PlanHours[] }> {
  const { year } = shanghaiYearMonth(new Date(Date.parse(to) - 1));
  const [rows, plans] = await Promise.all([
    attendedSessionsUnder(deps.db, region, ancestorsOf(region), yearPeriod(year).from, to),
    plansHolding(deps.db, region, ancestorsOf(region), year),
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
  return { year, attended, plans: plans.map((p) => ({ ...p, plannedHours: Number(p.plannedHours) })) };
}

/**
 * The subjects of a scheme's level inside `region` with their facts for the period: eight queries over the
 * region's code range, grouped here (a county's grid workers for a month: a few thousand rows).
 */
export async function loadSubjects(
  deps: Deps,
  level: SubjectLevel,
  region: string,
  period: { from: string; to: string },
): Promise<AssessedSubject[]> {
  const db = deps.db;
  // patrols from the start of the earliest plan period that ends in the period: patrol coverage judges
  // each owed period whole (domain/assessment/coverage-indicators.ts)
  const noYear = { year: 0, attended: [], plans: [] };
  const [cases, patrols, sites, trainingRows, plans, trainingYear] = await Promise.all([
    caseFactsUnder(db, region, period.from, period.to),
    level === "department" ? [] : patrolFactsUnder(db, region, patrolsFrom(period), period.to),
    level === "department" ? [] : siteFactsUnder(db, region),
    level === "department" ? [] : trainingFactsFor(db, region, ancestorsOf(region), period.from, period.to),
    level === "department" ? [] : findPatrolPlansUnder(db, region),
    level === "department" ? noYear : trainingYearUnder(deps, region, period.to),
  ]);
  /** The county's own patrol plan, else the default (as on the patrol coverage page). */
  const stored = new Map(plans.map((r) => [r.regionCode, parseStoredPlan(r.plan)]));
  const planOf = (code: string) => stored.get(code.slice(0, 6)) ?? defaultPatrolPlan;
  const trainings = trainingRows.map((t) => ({ ...t, hours: sessionHours(t.startsAt, t.endsAt, t.hours) }));
  const attendances = await attendanceFactsOf(
    db,
    trainings.map((t) => t.id),
  );
  const empty = (): SubjectFacts => ({
    reported: [],
    handled: [],
    patrols: [],
    sites: [],
    trainings: [],
    attendances: [],
    people: 0,
    patrolPlan: null,
    trainingYear: null,
  });

  if (level === "grid_worker") {
    const rows = await gridWorkersUnder(db, region);
    const workers = new Map<
      string,
      { name: string; regionCode: string; grids: Set<string>; codes: Set<string> }
    >();
    for (const r of rows) {
      if (r.status !== "active") continue;
      const w = workers.get(r.userId) ?? {
        name: r.displayName,
        regionCode: r.regionCode,
        grids: new Set(),
        codes: new Set(),
      };
      w.grids.add(r.gridId);
      w.codes.add(r.gridCode);
      workers.set(r.userId, w);
    }
    const byReporter = groupBy(cases, (c) => c.reporterId);
    const byGrid = groupBy(cases, (c) => c.gridCode);
    const patrolsBy = groupBy(patrols, (p) => p.userId);
    const sitesBy = groupBy(sites, (s) => s.gridId);
    const attBy = groupBy(attendances, (a) => a.userId);
    const yearBy = groupBy(trainingYear.attended, (a) => a.userId);
    return [...workers].map(([id, w]) => ({
      type: level,
      id,
      name: w.name,
      regionCode: w.regionCode,
      facts: {
        ...empty(),
        reported: byReporter.get(id) ?? [],
        handled: [...w.codes].flatMap((c) => byGrid.get(c) ?? []),
        patrols: (patrolsBy.get(id) ?? []).filter((p) => p.gridId !== null && w.grids.has(p.gridId)),
        sites: [...w.grids].flatMap((g) => sitesBy.get(g) ?? []),
        trainings: trainings.filter((t) => meets(t.regionCode, w.regionCode)),
        attendances: attBy.get(id) ?? [],
        people: 1,
        patrolPlan: planOf(w.regionCode),
        trainingYear: {
          people: [{ id, name: w.name, regionCode: w.regionCode }],
          attended: yearBy.get(id) ?? [],
          plans: trainingYear.plans,
        },
      },
    }));
  }

  if (level === "township") {
    const [towns, workerRows] = await Promise.all([townshipsUnder(db, region), gridWorkersUnder(db, region)]);
    const workers = new Map(workerRows.map((w) => [w.userId, w.regionCode]));
    const active = activeWorkers(workerRows);
    return towns.map((t) => {
      const inT = (code: string) => code.startsWith(t.code);
      const people = [...workers].filter(([, r]) => inT(r)).map(([id]) => id);
      const peopleSet = new Set(people);
      const mine = cases.filter((c) => inT(c.regionCode));
      return {
        type: level,
        id: t.code,
        name: t.name,
        regionCode: t.code,
        facts: {
          reported: mine,
          handled: mine,
          patrols: patrols.filter((p) => inT(p.regionCode)),
          sites: sites.filter((s) => inT(s.regionCode)),
          trainings: trainings.filter((x) => meets(x.regionCode, t.code)),
          attendances: attendances.filter((a) => peopleSet.has(a.userId)),
          people: people.length,
          patrolPlan: planOf(t.code),
          trainingYear: {
            people: active.filter((w) => inT(w.regionCode)),
            attended: trainingYear.attended.filter((a) => peopleSet.has(a.userId)),
            plans: trainingYear.plans,
          },
        },
      };
    });
  }

  const [departments, members] = await Promise.all([
    departmentsUnder(db, region),
    departmentMembersUnder(db, region),
  ]);
  const deptOf = new Map(members.map((m) => [m.id, m.departmentId]));
  const byOwner = groupBy(cases, (c) => c.ownerDepartmentId);
  const byDeptReporter = groupBy(cases, (c) => (c.reporterId ? (deptOf.get(c.reporterId) ?? null) : null));
  return departments.map((d) => ({
    type: level,
    id: d.id,
    name: d.name,
    regionCode: d.regionCode,
    facts: { ...empty(), reported: byDeptReporter.get(d.id) ?? [], handled: byOwner.get(d.id) ?? [] },
  }));
}

/** The active grid workers of `gridWorkersUnder`'s rows (one row per worker × grid), once each. */
export function activeWorkers(
  rows: { userId: string; displayName: string; regionCode: string; status: string }[],
) {
  const out = new Map<string, { id: string; name: string; regionCode: string }>();
  for (const r of rows)
    if (r.status === "active" && !out.has(r.userId))
      out.set(r.userId, { id: r.userId, name: r.displayName, regionCode: r.regionCode });
  return [...out.values()];
}

function groupBy<T>(rows: T[], key: (r: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
