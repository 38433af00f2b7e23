import { createHash } from "node:crypto";
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
import { forgetCountyDayTotals } from "./case-day-queries";
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

/** [day, working, cumulative ms] rows as one JSON parameter and its short hash, made once per calendar. */
const calendarRows = new WeakMap<TallyCalendar, { json: string; table: string }>();
function calendarJson(calendar: TallyCalendar) {
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
  const made = {
    json,
    table: `tally_calendar_${createHash("sha256").update(json).digest("hex").slice(0, 12)}`,
  };
  calendarRows.set(calendar, made);
  return made;
}

/**
 * Readies this transaction for the recount statements (`rebuildCountyTally`, `countyTallyDiff`): the
 * working-day table of this calendar on this connection (a temporary table named after the calendar's
 * content, made once per connection: Shanghai day number, working or not, and the working milliseconds of
 * all earlier days), so working hours between two instants are a difference of two look-ups; on
 * PostgreSQL, memory for the recount's sorts (4 MB spilled them to disk) and no JIT (it spent 3 s compiling
 * the statement per county). Answers the table's name.
 */
export async function prepareTallyRecount(tx: Tx, calendar: TallyCalendar): Promise<string> {
  const { json, table } = calendarJson(calendar);
  const t = sql.raw(table);
  const pg = dialectOf(tx) === "postgres";
  if (pg) {
    await sql`set local work_mem = '256MB'`.execute(tx);
    await sql`set local jit = off`.execute(tx);
  }
  await sql`create temp table if not exists ${t}
    (day integer primary key, working integer not null, cum_ms bigint not null)`.execute(tx);
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${t}`.execute(tx);
  if (Number(rows[0].n) > 0) return table;
  await (pg
    ? sql`insert into ${t} (day, working, cum_ms)
        select (e ->> 0)::integer, (e ->> 1)::integer, (e ->> 2)::bigint from json_array_elements(${json}::json) as e`
    : sql`insert into ${t} (day, working, cum_ms)
        select value ->> 0, value ->> 1, value ->> 2 from json_each(${json})`
  ).execute(tx);
  return table;
}

/**
 * Dialect pieces: JSON fields of an event's data, instants as milliseconds, the Shanghai date. On PostgreSQL
 * an event's data is parsed once per row by the lateral `data(e)` (`<e>j.d`); `{ inline: true }` reads it as
 * `<e>.data::jsonb` instead, for a query without that join (the dashboard's drill-down, `stepsOf`).
 */
export function eventSql(pg: boolean, opts: { inline?: boolean } = {}) {
  const json = (e: string) => sql.raw(opts.inline ? `${e}.data::jsonb` : `${e}j.d`);
  const field = (k: string, e = "e") =>
    pg ? sql`(${json(e)} -> ${sql.lit(k)})` : sql`json_type(${sql.raw(e)}.data, ${sql.lit(`$.${k}`)})`;
  const is = (k: string, v: "true" | "false") =>
    pg
      ? sql`case when ${field(k)} = ${sql.lit(v)}::jsonb then 1 else 0 end`
      : sql`case when ${field(k)} = ${sql.lit(v)} then 1 else 0 end`;
  return {
    isTrue: (k: string) => is(k, "true"),
    isFalse: (k: string) => is(k, "false"),
    /** A field as text the way JS `String()` writes a string (absent: "undefined"). */
    text: (k: string) =>
      pg
        ? sql`coalesce(${json("e")} ->> ${sql.lit(k)}, 'undefined')`
        : sql`coalesce(json_extract(e.data, ${sql.lit(`$.${k}`)}), 'undefined')`,
    /** A field as text, "" when absent (a report's industry: absent from reports made before it was kept). */
    textOrEmpty: (k: string) =>
      pg
        ? sql`coalesce(${json("e")} ->> ${sql.lit(k)}, '')`
        : sql`coalesce(json_extract(e.data, ${sql.lit(`$.${k}`)}), '')`,
    /** The stage's due time of event `e` when its data has one as a string. */
    due: (e: string) =>
      pg
        ? sql`case when jsonb_typeof(${json(e)} -> 'due') = 'string' then ${json(e)} ->> 'due' end`
        : sql`case when json_type(${sql.raw(e)}.data, '$.due') = 'text' then json_extract(${sql.raw(e)}.data, '$.due') end`,
    ms: (x: RawBuilder<unknown>) =>
      pg
        ? sql`(extract(epoch from ${x}::timestamptz) * 1000)::bigint`
        : sql`cast(round((julianday(${x}) - 2440587.5) * 86400000.0) as integer)`,
    least: (x: RawBuilder<unknown>, y: RawBuilder<unknown>) =>
      sql`${sql.raw(pg ? "least" : "min")}(${x}, ${y})`,
    greatest: (x: RawBuilder<unknown>, y: RawBuilder<unknown>) =>
      sql`${sql.raw(pg ? "greatest" : "max")}(${x}, ${y})`,
    day: (x: RawBuilder<unknown>) =>
      pg
        ? sql`to_char((${x}::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
        : sql`date(${x}, '+8 hours')`,
    /** A case's trail events, read by case (`offset 0` keeps PostgreSQL from scanning the whole trail). */
    eventsOf: (c: string) =>
      pg
        ? sql`cross join lateral (select * from event where event.subject_type = 'case'
            and event.subject_id = ${sql.raw(c)}.id offset 0) e`
        : sql`join event e on e.subject_type = 'case' and e.subject_id = ${sql.raw(c)}.id`,
    /** PostgreSQL parses an event's data once (`<alias>j.d`); SQLite reads it with json_extract. */
    data: (e: string) =>
      pg ? sql`cross join lateral (select ${sql.raw(e)}.data::jsonb as d) ${sql.raw(`${e}j`)}` : sql``,
  };
}

/** Steps that add a counter only when late (tallyOfStep counts nothing else for them). */
const quietActions = ["accepted", "plan_submitted", "park_requested", "park_denied", "resumed"].map(
  (v) => `case.${v}`,
);

/**
 * The recount of one county as a SELECT of whole rollup rows (region_code, level, grain, period, dim,
 * dim_value and every counter), from its cases' trail events: per step what it adds (late against the
 * stage's due time, on time when not; a close on time only when no earlier step of the case was late;
 * handling hours from the report, working hours from the calendar table), report steps also under their
 * category, type, source and industry (a report before industries were recorded: ""); summed per township × day × dimension first, then to months and the county.
 */
export function countyRecount(tx: Tx, county: string, calendar: TallyCalendar) {
  const pg = dialectOf(tx) === "postgres";
  const d = eventSql(pg);
  const days = sql.raw(calendarJson(calendar).table);
  const at = sql`e.at`;
  const rep = sql`c.reported_at`;
  const wall = (x: RawBuilder<unknown>) => sql`(${d.ms(x)} + ${sql.lit(SHANGHAI_OFFSET_MS)})`;
  const wallDay = (x: RawBuilder<unknown>) => sql`(${wall(x)} / ${sql.lit(DAY_MS)})`;
  const worked = (x: RawBuilder<unknown>, cal: string) => {
    const tod = sql`(${wall(x)} % ${sql.lit(DAY_MS)})`;
    const parts = workIntervals(calendar.workHours).map(
      ([s, e]) => sql`${d.least(d.greatest(sql`${tod} - ${sql.lit(s)}`, sql`0`), sql.lit(e - s))}`,
    );
    return sql`(${sql.raw(cal)}.cum_ms + ${sql.raw(cal)}.working * (${sql.join(parts, sql` + `)}))`;
  };
  const hours = (ms: RawBuilder<unknown>) =>
    sql`case when e.action = 'case.closed' then round(${d.greatest(ms, sql`0`)} / 3600000.0, 3) else 0 end`;
  const lit = (xs: string[]) => sql.join(xs.map((x) => sql.lit(x)));
  const isLate = (alias: string) =>
    sql`(${d.due(alias)} is not null and ${sql.raw(alias)}.at > ${d.due(alias)})`;
  const onReport = (k: string) => sql`case when e.action = 'case.reported' then ${d.text(k)} end`;
  const a = (...verbs: string[]) => sql`a in (${lit(verbs.map((v) => `case.${v}`))})`;
  const count = (cond: RawBuilder<unknown>) => sql`sum(case when ${cond} then 1 else 0 end)`;
  const metric: Record<TallyMetric, RawBuilder<unknown>> = {
    reported: count(a("reported")),
    triaged: count(a("triaged", "rejected")),
    triagedOnTime: count(sql`${a("triaged", "rejected")} and late = 0`),
    rejected: count(a("rejected")),
    merged: count(a("merged")),
    dispatched: count(a("dispatched", "forwarded")),
    redirected: count(a("returned", "forwarded")),
    fedBack: count(a("fed_back")),
    fedBackOnTime: count(sql`${a("fed_back")} and late = 0`),
    rechecked: count(a("rechecked", "accepted_onsite")),
    reworked: count(sql`${a("rechecked", "accepted_onsite")} and failed = 1`),
    closed: count(a("closed")),
    closedOnTime: count(sql`${a("closed")} and late = 0 and late_before = 0`),
    escalated: count(sql`(${a("reported")} and (recurring = 1 or listed = 1)) or ${a("escalated")}`),
    recurring: count(sql`${a("reported")} and recurring = 1`),
    parked: count(a("park_approved")),
    reopened: count(a("reopened")),
    late: sql`sum(late)`,
    handlingHours: sql`sum(hours)`,
    handlingWorkHours: sql`sum(work_hours)`,
  };
  const sums = sql.raw(cols.map((c) => `sum(${c}) as ${c}`).join(", "));
  const list = sql.raw(cols.join(", "));
  return sql`
    with steps as materialized (
      select c.region_code as region, e.action as a, ${d.day(at)} as day,
        ${onReport("category")} as category, ${onReport("type")} as type, ${onReport("source")} as source,
        case when e.action = 'case.reported' then ${d.textOrEmpty("industry")} end as industry,
        case when ${isLate("e")} then 1 else 0 end as late,
        case when e.action = 'case.closed' then (select count(*) from event p ${d.data("p")}
          where p.subject_type = 'case' and p.subject_id = e.subject_id and p.id < e.id
            and p.action in (${lit(stepActions)}) and ${isLate("p")}) else 0 end as late_before,
        case when e.action in ('case.rechecked', 'case.accepted_onsite') then ${d.isFalse("passed")} else 0 end
          as failed,
        case when e.action = 'case.reported' then ${d.isTrue("recurring")} else 0 end as recurring,
        case when e.action = 'case.reported' then ${d.isTrue("listedForSupervision")} else 0 end as listed,
        ${hours(sql`${d.ms(at)} - ${d.ms(rep)}`)} as hours,
        ${hours(sql`${worked(at, "ca")} - ${worked(rep, "cr")}`)} as work_hours
      from case_record c
      ${d.eventsOf("c")}
      ${d.data("e")}
      left join ${days} ca on e.action = 'case.closed' and ca.day = ${wallDay(at)}
      left join ${days} cr on e.action = 'case.closed' and cr.day = ${wallDay(rep)}
      where c.county_code = ${county} and e.action in (${lit(stepActions)})
    ),
    dims(dim) as (values (''), ('category'), ('type'), ('source'), ('industry')),
    towns as materialized (
      select case when length(region) >= 9 then substr(region, 1, 9) else substr(region, 1, 6) end as code,
        day, dims.dim,
        case dims.dim when 'category' then category when 'type' then type when 'source' then source
          when 'industry' then coalesce(industry, '') else '' end as dim_value,
        ${sql.join(tallyMetrics.map((m) => sql`${metric[m]} as ${sql.raw(snake(m))}`))}
      from steps join dims on dims.dim = '' or a = 'case.reported'
      where a not in (${lit(quietActions)}) or late = 1
      group by 1, 2, 3, 4
    ),
    levels(n, grain) as (values (9, 'm'), (6, 'd'), (6, 'm'))
    select code as region_code, 9 as level, 'd' as grain, day as period, dim, dim_value, ${list}
    from towns where length(code) = 9
    union all
    select substr(code, 1, n), n, grain, case when grain = 'd' then day else substr(day, 1, 7) end, dim, dim_value,
      ${sums}
    from towns join levels on length(code) >= n
    group by 1, 2, 3, 4, 5, 6`;
}

/** The county's own rows of the rollup and its townships' (the range of their equal-length codes). */
const ofCounty = (county: string) =>
  sql`(region_code = ${county} or (level = 9 and region_code >= ${`${county}000`} and region_code <= ${`${county}999`}))`;

/**
 * Rebuilds one county's rollup rows from the trail in this transaction (after `prepareTallyRecount`): its
 * chain's append lock first (the case commands of the county wait, none is half counted), its rows
 * deleted and recounted in one statement, and its cases' count of late steps set again (a close is on time
 * only when none was late). `lock: false` only where nothing else can write (a freshly filled bench
 * database: PostgreSQL's advisory locks are database-wide, so other schemas' writers on a shared test server
 * would wait). Answers the number of rollup rows written.
 */
export async function rebuildCountyTally(
  tx: Tx,
  county: string,
  calendar: TallyCalendar,
  opts: { lock?: boolean } = {},
): Promise<number> {
  if (opts.lock !== false) await lockChains(tx, [chainOf(county)]);
  await sql`delete from case_tally where ${ofCounty(county)}`.execute(tx);
  await forgetCountyDayTotals(tx, county);
  const done =
    await sql`insert into case_tally (region_code, level, grain, period, dim, dim_value, ${sql.raw(cols.join(", "))})
    ${countyRecount(tx, county, calendar)}`.execute(tx);
  await setLateSteps(tx, county);
  return Number(done.numAffectedRows ?? 0);
}

/** Each case of the county: its late steps counted again from the trail (only the rows that differ change). */
async function setLateSteps(tx: Tx, county: string) {
  const d = eventSql(dialectOf(tx) === "postgres");
  await sql`update case_record set late_steps = x.n
    from (select c.id, (select count(*) from event e ${d.data("e")}
        where e.subject_type = 'case' and e.subject_id = c.id
          and e.action in (${sql.join(stepActions.map((x) => sql.lit(x)))})
          and ${d.due("e")} is not null and e.at > ${d.due("e")}) as n
      from case_record c where c.county_code = ${county}) x
    where case_record.id = x.id and case_record.late_steps <> x.n`.execute(tx);
}

/**
 * How far the county's stored rollup is from the recount (after `prepareTallyRecount`): rows missing on
 * either side or with a counter that differs (hours by more than rounding), and a sample of their keys.
 * The two sides are read and compared here: SQLite joined the two unindexed row sets of a large county by
 * nested loops (a province-scale bench's home county did not finish in 40 minutes).
 */
export async function countyTallyDiff(
  tx: Tx,
  county: string,
  calendar: TallyCalendar,
): Promise<{ rows: number; recounted: number; differing: number; sample: string[] }> {
  type Row = Record<string, unknown>;
  // Rows come back with camel-cased names (the database's CamelCasePlugin).
  const key = (r: Row) => [r.regionCode, r.grain, r.period, r.dim, r.dimValue].join("|");
  const recounted = (await countyRecount(tx, county, calendar).execute(tx)).rows as Row[];
  const stored = (
    await sql<Row>`select region_code, grain, period, dim, dim_value, ${sql.raw(cols.join(", "))}
      from case_tally where ${ofCounty(county)}`.execute(tx)
  ).rows;
  const storedBy = new Map(stored.map((r) => [key(r), r]));
  const differs = (r: Row, k: Row | undefined) =>
    tallyMetrics.some((m) => {
      const [x, y] = [Number(r[m] ?? 0), Number(k?.[m] ?? 0)];
      return m.endsWith("Hours") ? Math.abs(x - y) > 0.0015 : x !== y;
    });
  const diffs: string[] = [];
  for (const r of recounted) {
    const k = storedBy.get(key(r));
    storedBy.delete(key(r));
    if (differs(r, k)) diffs.push(`${key(r)} (${k ? "both" : "recounted only"})`);
  }
  for (const [k, r] of storedBy)
    if (tallyMetrics.some((m) => Number(r[m] ?? 0) !== 0)) diffs.push(`${k} (stored only)`);
  return {
    rows: stored.length,
    recounted: recounted.length,
    differing: diffs.length,
    sample: diffs.slice(0, 5),
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
