import { type RawBuilder, sql } from "kysely";
import {
  DAY_MS,
  dateToDayNumber,
  dayNumberToDate,
  parseTimeOfDay,
  SHANGHAI_OFFSET_MS,
} from "../../domain/calendar/shanghai-time";
import { type TallyMetric, tallyMetrics } from "../../domain/indicators/case-tally";
import { chainOf } from "../../domain/trail/trail-root";
import { dialectOf, type Tx } from "../db";
import { lockChains } from "./event-queries";

/**
 * The case rollup (`case_tally`) recomputed from the trail in set-based SQL, one county per statement: the
 * repair tool after a restore or a direct write of cases (the demo, the dashboard bench), and the check that
 * the rollup the commands keep equals a full recount. Same rules as domain/indicators/case-tally.ts
 * (`stepOfEvent`, `tallyOfStep`) applied by server/commands/dashboard/recount-tally.ts event by event; the
 * property test holds the two to the same answer.
 */

/** What the rebuild needs of the working calendar (domain/calendar/working-calendar.ts). */
export interface TallyCalendar {
  isWorkingDay(date: string): boolean;
  workHours: { start: string; end: string; lunch?: [string, string] };
}

/** Days the working-hours table covers; a case step outside them counts no working hours. */
const firstDay = dateToDayNumber("2000-01-01");
const lastDay = dateToDayNumber("2099-12-31");

/** Trail actions that are steps of the loop (`actionByVerb` of domain/indicators/case-tally.ts). */
const stepActions = [
  "reported",
  "triaged",
  "rejected",
  "merged",
  "dispatched",
  "returned",
  "forwarded",
  "fed_back",
  "rechecked",
  "accepted_onsite",
  "park_approved",
  "reopened",
  "escalated",
  "closed",
  "accepted",
  "plan_submitted",
  "park_requested",
  "park_denied",
  "resumed",
].map((v) => `case.${v}`);

const snake = (m: string) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const cols = tallyMetrics.map(snake);

function workIntervals(hours: TallyCalendar["workHours"]): [number, number][] {
  const points = [hours.start, ...(hours.lunch ?? []), hours.end].map(parseTimeOfDay);
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += 2) out.push([points[i], points[i + 1]]);
  return out;
}

/** [day, working, cumulative ms] rows as one JSON parameter, made once per calendar (36,500 days). */
const calendarRows = new WeakMap<TallyCalendar, string>();
function calendarJson(calendar: TallyCalendar): string {
  const known = calendarRows.get(calendar);
  if (known) return known;
  const dayMs = workIntervals(calendar.workHours).reduce((a, [s, e]) => a + e - s, 0);
  const days: [number, number, number][] = [];
  for (let d = firstDay, cum = 0; d <= lastDay; d++) {
    const working = calendar.isWorkingDay(dayNumberToDate(d)) ? 1 : 0;
    days.push([d, working, cum]);
    cum += working * dayMs;
  }
  const json = JSON.stringify(days);
  calendarRows.set(calendar, json);
  return json;
}

/**
 * The working-day table for this transaction (`tally_calendar`: Shanghai day number, working or not, and the
 * working milliseconds of all earlier days of the table), so working hours between two instants are a
 * difference of two look-ups. Call once per transaction before `rebuildCountyTally` or `countyTallyDiff`.
 */
export async function prepareTallyCalendar(tx: Tx, calendar: TallyCalendar): Promise<void> {
  const pg = dialectOf(tx) === "postgres";
  const json = calendarJson(calendar);
  if (pg) {
    await sql`create temp table if not exists tally_calendar
      (day integer primary key, working integer not null, cum_ms bigint not null) on commit drop`.execute(tx);
    await sql`truncate tally_calendar`.execute(tx);
    await sql`insert into tally_calendar (day, working, cum_ms)
      select (e ->> 0)::integer, (e ->> 1)::integer, (e ->> 2)::bigint from json_array_elements(${json}::json) as e`.execute(
      tx,
    );
    return;
  }
  await sql`create temp table if not exists tally_calendar
    (day integer primary key, working integer not null, cum_ms integer not null)`.execute(tx);
  await sql`delete from temp.tally_calendar`.execute(tx);
  await sql`insert into temp.tally_calendar (day, working, cum_ms)
    select value ->> 0, value ->> 1, value ->> 2 from json_each(${json})`.execute(tx);
}

/** Dialect pieces: JSON fields of the event's data, instants as milliseconds, the Shanghai date. */
function dialect(pg: boolean) {
  const field = (k: string) =>
    pg ? sql`(j.d -> ${sql.lit(k)})` : sql`json_type(e.data, ${sql.lit(`$.${k}`)})`;
  const isTrue = (k: string) =>
    pg
      ? sql`case when ${field(k)} = 'true'::jsonb then 1 else 0 end`
      : sql`case when ${field(k)} = 'true' then 1 else 0 end`;
  const isFalse = (k: string) =>
    pg
      ? sql`case when ${field(k)} = 'false'::jsonb then 1 else 0 end`
      : sql`case when ${field(k)} = 'false' then 1 else 0 end`;
  const text = (k: string) =>
    pg
      ? sql`coalesce(j.d ->> ${sql.lit(k)}, 'undefined')`
      : sql`coalesce(json_extract(e.data, ${sql.lit(`$.${k}`)}), 'undefined')`;
  const due = pg
    ? sql`case when jsonb_typeof(j.d -> 'due') = 'string' then j.d ->> 'due' end`
    : sql`case when json_type(e.data, '$.due') = 'text' then json_extract(e.data, '$.due') end`;
  const ms = (x: RawBuilder<unknown>) =>
    pg
      ? sql`(extract(epoch from ${x}::timestamptz) * 1000)::bigint`
      : sql`cast(round((julianday(${x}) - 2440587.5) * 86400000.0) as integer)`;
  const least = pg ? "least" : "min";
  const greatest = pg ? "greatest" : "max";
  return {
    isTrue,
    isFalse,
    text,
    due,
    ms,
    least: (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`${sql.raw(least)}(${a}, ${b})`,
    greatest: (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => sql`${sql.raw(greatest)}(${a}, ${b})`,
    day: (x: RawBuilder<unknown>) =>
      pg
        ? sql`to_char((${x}::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
        : sql`date(${x}, '+8 hours')`,
    data: pg ? sql`cross join lateral (select e.data::jsonb as d) j` : sql``,
  };
}

/**
 * The recount of one county as a SELECT of whole rollup rows (region_code, level, grain, period, dim,
 * dim_value and every counter), from its cases' trail events: per step its counters (late against the
 * stage's due time, on time when not; a close on time only when no earlier step of the case was late;
 * handling hours from the report, working hours from `tally_calendar`), report steps also under their
 * category, type and source; summed per township × day first, then to months and to the county.
 */
function countyRecount(tx: Tx, county: string, calendar: TallyCalendar) {
  const pg = dialectOf(tx) === "postgres";
  const d = dialect(pg);
  const at = sql`w.at`;
  const rep = sql`w.reported_at`;
  const wall = (x: RawBuilder<unknown>) => sql`(${d.ms(x)} + ${sql.lit(SHANGHAI_OFFSET_MS)})`;
  const wallDay = (x: RawBuilder<unknown>) => sql`(${wall(x)} / ${sql.lit(DAY_MS)})`;
  const worked = (x: RawBuilder<unknown>, cal: string) => {
    const tod = sql`(${wall(x)} % ${sql.lit(DAY_MS)})`;
    const parts = workIntervals(calendar.workHours).map(
      ([s, e]) => sql`${d.least(d.greatest(sql`${tod} - ${sql.lit(s)}`, sql`0`), sql.lit(e - s))}`,
    );
    return sql`(${sql.raw(cal)}.cum_ms + ${sql.raw(cal)}.working * (${sql.join(parts, sql` + `)}))`;
  };
  const a = (...verbs: string[]) => sql`w.action in (${sql.join(verbs.map((v) => sql.lit(`case.${v}`)))})`;
  const flag = (cond: RawBuilder<unknown>) => sql`case when ${cond} then 1 else 0 end`;
  const onTime = sql`w.late = 0`;
  const hours = (ms: RawBuilder<unknown>) =>
    sql`case when w.action = 'case.closed' then round(${d.greatest(ms, sql`0`)} / 3600000.0, 3) else 0 end`;
  const metric: Record<TallyMetric, RawBuilder<unknown>> = {
    reported: flag(a("reported")),
    triaged: flag(a("triaged", "rejected")),
    triagedOnTime: flag(sql`${a("triaged", "rejected")} and ${onTime}`),
    rejected: flag(a("rejected")),
    merged: flag(a("merged")),
    dispatched: flag(a("dispatched", "forwarded")),
    redirected: flag(a("returned", "forwarded")),
    fedBack: flag(a("fed_back")),
    fedBackOnTime: flag(sql`${a("fed_back")} and ${onTime}`),
    rechecked: flag(a("rechecked", "accepted_onsite")),
    reworked: flag(sql`${a("rechecked", "accepted_onsite")} and w.failed = 1`),
    closed: flag(a("closed")),
    closedOnTime: flag(sql`${a("closed")} and ${onTime} and w.late_before = 0`),
    escalated: flag(sql`(${a("reported")} and (w.recurring = 1 or w.listed = 1)) or ${a("escalated")}`),
    recurring: flag(sql`${a("reported")} and w.recurring = 1`),
    parked: flag(a("park_approved")),
    reopened: flag(a("reopened")),
    late: sql`w.late`,
    handlingHours: hours(sql`${d.ms(at)} - ${d.ms(rep)}`),
    handlingWorkHours: hours(sql`${worked(at, "ca")} - ${worked(rep, "cr")}`),
  };
  const list = (prefix: string) => sql.raw(cols.map((c) => `${prefix}${c}`).join(", "));
  const sums = sql.raw(cols.map((c) => `sum(${c}) as ${c}`).join(", "));
  const counts = sql.raw(
    tallyMetrics
      .filter((m) => !m.endsWith("Hours"))
      .map(snake)
      .join(" + "),
  );
  const code9 = sql`case when length(region) >= 9 then substr(region, 1, 9) else substr(region, 1, 6) end`;
  return sql`
    with steps as (
      select e.id, e.subject_id as case_id, e.action, e.at, c.region_code as region, c.reported_at,
        ${d.due} as due, ${d.isFalse("passed")} as failed, ${d.isTrue("recurring")} as recurring,
        ${d.isTrue("listedForSupervision")} as listed,
        case when e.action = 'case.reported' then ${d.text("category")} end as category,
        case when e.action = 'case.reported' then ${d.text("type")} end as type,
        case when e.action = 'case.reported' then ${d.text("source")} end as source
      from case_record c
      join event e on e.subject_type = 'case' and e.subject_id = c.id
      ${d.data}
      where c.county_code = ${county}
        and e.action in (${sql.join(stepActions.map((x) => sql.lit(x)))})
    ),
    flagged as (
      select s.*, case when s.due is not null and s.at > s.due then 1 else 0 end as late from steps s
    ),
    windowed as (
      select f.*, coalesce(sum(f.late) over (partition by f.case_id order by f.id
        rows between unbounded preceding and 1 preceding), 0) as late_before
      from flagged f
    ),
    counted as (
      select w.region, ${d.day(at)} as day, w.category, w.type, w.source, w.action,
        ${sql.join(tallyMetrics.map((m) => sql`${metric[m]} as ${sql.raw(snake(m))}`))}
      from windowed w
      left join tally_calendar ca on w.action = 'case.closed' and ca.day = ${wallDay(at)}
      left join tally_calendar cr on w.action = 'case.closed' and cr.day = ${wallDay(rep)}
    ),
    stepped as (select * from counted where ${counts} > 0),
    dimmed as (
      select region, day, '' as dim, '' as dim_value, ${list("")} from stepped
      union all select region, day, 'category', category, ${list("")} from stepped where action = 'case.reported'
      union all select region, day, 'type', type, ${list("")} from stepped where action = 'case.reported'
      union all select region, day, 'source', source, ${list("")} from stepped where action = 'case.reported'
    ),
    towns as materialized (
      select ${code9} as code, day, dim, dim_value, ${sums} from dimmed
      group by ${code9}, day, dim, dim_value
    )
    select code as region_code, length(code) as level, grain, period, dim, dim_value, ${sums} from (
      select code, 'd' as grain, day as period, dim, dim_value, ${list("")} from towns where length(code) = 9
      union all select code, 'm', substr(day, 1, 7), dim, dim_value, ${list("")} from towns where length(code) = 9
      union all select substr(code, 1, 6), 'd', day, dim, dim_value, ${list("")} from towns
      union all select substr(code, 1, 6), 'm', substr(day, 1, 7), dim, dim_value, ${list("")} from towns
    ) x
    group by code, grain, period, dim, dim_value`;
}

/** The county's own rows of the rollup and its townships' (the range of their equal-length codes). */
const ofCounty = (county: string) =>
  sql`(region_code = ${county} or (level = 9 and region_code >= ${`${county}000`} and region_code <= ${`${county}999`}))`;

/**
 * Rebuilds one county's rollup rows from the trail in this transaction (after `prepareTallyCalendar`): its
 * chain's append lock first (the case commands of the county wait, none is half counted), its rows
 * deleted and recounted in one statement, and its cases' count of late steps set again (a close is on time
 * only when none was late). Answers the number of rollup rows written.
 */
export async function rebuildCountyTally(tx: Tx, county: string, calendar: TallyCalendar): Promise<number> {
  await lockChains(tx, [chainOf(county)]);
  await sql`delete from case_tally where ${ofCounty(county)}`.execute(tx);
  const done =
    await sql`insert into case_tally (region_code, level, grain, period, dim, dim_value, ${sql.raw(cols.join(", "))})
    ${countyRecount(tx, county, calendar)}`.execute(tx);
  await setLateSteps(tx, county);
  return Number(done.numAffectedRows ?? 0);
}

/** Each case of the county: its late steps counted again from the trail (only the rows that differ change). */
async function setLateSteps(tx: Tx, county: string) {
  const d = dialect(dialectOf(tx) === "postgres");
  await sql`update case_record set late_steps = x.n
    from (select c.id, (select count(*) from event e ${d.data}
        where e.subject_type = 'case' and e.subject_id = c.id
          and e.action in (${sql.join(stepActions.map((x) => sql.lit(x)))})
          and ${d.due} is not null and e.at > ${d.due}) as n
      from case_record c where c.county_code = ${county}) x
    where case_record.id = x.id and case_record.late_steps <> x.n`.execute(tx);
}

/**
 * How far the county's stored rollup is from the recount (after `prepareTallyCalendar`): rows missing on
 * either side or with a counter that differs (hours by more than rounding), and a sample of their keys.
 */
export async function countyTallyDiff(
  tx: Tx,
  county: string,
  calendar: TallyCalendar,
): Promise<{ rows: number; recounted: number; differing: number; sample: string[] }> {
  const differs = sql.join(
    tallyMetrics.map((m) => {
      const c = snake(m);
      return m.endsWith("Hours")
        ? sql`abs(coalesce(r.${sql.raw(c)}, 0) - coalesce(k.${sql.raw(c)}, 0)) > 0.0015`
        : sql`coalesce(r.${sql.raw(c)}, 0) <> coalesce(k.${sql.raw(c)}, 0)`;
    }),
    sql` or `,
  );
  const nonzero = sql.raw(tallyMetrics.map((m) => `k.${snake(m)} <> 0`).join(" or "));
  const { rows } = await sql<{ key: string; side: string }>`
    with r as materialized (${countyRecount(tx, county, calendar)}),
    k as materialized (select * from case_tally where ${ofCounty(county)})
    select '#' as key, cast((select count(*) from k) as text) || '|' || cast((select count(*) from r) as text) as side
    union all
    select coalesce(r.region_code, k.region_code) || '|' || coalesce(r.grain, k.grain) || '|' ||
        coalesce(r.period, k.period) || '|' || coalesce(r.dim, k.dim) || '|' || coalesce(r.dim_value, k.dim_value),
      case when r.region_code is null then 'stored only' when k.region_code is null then 'recounted only' else 'both' end
    from r full outer join k on k.region_code = r.region_code and k.grain = r.grain and k.period = r.period
      and k.dim = r.dim and k.dim_value = r.dim_value
    where (r.region_code is null and (${nonzero})) or (r.region_code is not null and (${differs}))`.execute(
    tx,
  );
  const summary = rows.find((r) => r.key === "#");
  const [stored, recounted] = (summary?.side ?? "0|0").split("|").map(Number);
  const diffs = rows.filter((r) => r !== summary);
  return {
    rows: stored,
    recounted,
    differing: diffs.length,
    sample: diffs.slice(0, 5).map((r) => `${r.key} (${r.side})`),
  };
}

/** Every county of the region table (a rebuild of the whole rollup goes over them one by one). */
export async function tallyCounties(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectFrom("region")
    .select("code")
    .where("level", "=", "county")
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}
