import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 13, a county's 巡查计划完成率 without reading its sites: two rollups per township (the first nine
 * digits of the site's region), kept by triggers in the transaction of every write, whichever command, import
 * or seed makes it (server/commands/dashboard/patrol-figure.ts reads them; domain/assessment/coverage-indicators.ts
 * `patrolPlanCountsKept` counts from them exactly what `patrolPlanCounts` counts from the sites):
 * - `site_owing`: the sites that owe patrols (not closed, not directly supervised) per kind, risk level and
 *   Shanghai day of registration — what decides a site's frequency under any plan and the periods it owes;
 * - `patrol_met`: per kind, risk level, frequency and period (its first Shanghai day), how many of those sites
 *   a check-in met, for all six frequencies at once (a plan changed later needs nothing rewritten). A
 *   check-in counts when it is its site's first in the period and the period began after the site was
 *   registered; a site whose township, kind, risk level, status, supervision or registration changes moves
 *   its met periods (recounted from its check-ins) from the old key to the new one.
 * Frequencies' periods as domain/patrol/patrol-period.ts: Monday weeks, fortnights from Monday 1970-01-05,
 * calendar months, quarters, half-years and years, on Shanghai days (UTC+8 all year since 1992).
 */
const frequencies = ["weekly", "fortnightly", "monthly", "quarterly", "half_yearly", "yearly"] as const;
type Frequency = (typeof frequencies)[number];

/** SQLite: the first day (YYYY-MM-DD) of the period of `f` that holds Shanghai day `l` (YYYY-MM-DD). */
function startSqlite(f: Frequency, l: string): string {
  const months = (k: number) =>
    `date(${l}, 'start of month', '-' || ((cast(strftime('%m', ${l}) as integer) - 1) % ${k}) || ' months')`;
  switch (f) {
    case "weekly":
      return `date(${l}, '-6 days', 'weekday 1')`;
    case "fortnightly":
      return `date('1970-01-05', '+' || ((cast(julianday(${l}) - julianday('1970-01-05') as integer) / 14) * 14) || ' days')`;
    case "monthly":
      return `date(${l}, 'start of month')`;
    case "quarterly":
      return months(3);
    case "half_yearly":
      return months(6);
    case "yearly":
      return `date(${l}, 'start of year')`;
  }
}
const lengthOf: Record<Frequency, string> = {
  weekly: "+7 days",
  fortnightly: "+14 days",
  monthly: "+1 months",
  quarterly: "+3 months",
  half_yearly: "+6 months",
  yearly: "+1 years",
};
/** A frequency's start as one CASE over a column `fq` naming the frequency. */
const startCaseSqlite = (l: string) =>
  `case fq.f ${frequencies.map((f) => `when '${f}' then ${startSqlite(f, l)}`).join(" ")} end`;
const frequencyRows = frequencies.map((f) => `select '${f}' as f`).join(" union all ");
const isoSqlite = (day: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${day}, '-8 hours')`;
const daySqlite = (instant: string) => `date(${instant}, '+8 hours')`;

const owes = (r: string) => `${r}.status <> 'closed' and ${r}.direct = 0`;
const metKey = "region_code, frequency, period_start, kind, risk_level";
const owingKey = "region_code, kind, risk_level, created_day";

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const owing = db.schema
    .createTable("site_owing")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("risk_level", "text", (c) => c.notNull())
    .addColumn("created_day", "text", (c) => c.notNull())
    .addColumn("sites", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("site_owing_pk", ["region_code", "kind", "risk_level", "created_day"]);
  await (pg ? owing : owing.modifyEnd(sql`without rowid`)).execute();
  const met = db.schema
    .createTable("patrol_met")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("risk_level", "text", (c) => c.notNull())
    .addColumn("sites", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("patrol_met_pk", [
      "region_code",
      "frequency",
      "period_start",
      "kind",
      "risk_level",
    ]);
  await (pg ? met : met.modifyEnd(sql`without rowid`)).execute();
  if (pg) await triggersPg(db);
  else await triggersSqlite(db);
}

/** SQLite: row triggers; the stored sites and check-ins are counted by the same statements, set-based. */
async function triggersSqlite(db: Kysely<unknown>) {
  const owingRow = (r: string, sign: "" | "-") => `insert into site_owing (${owingKey}, sites)
    select substr(${r}.region_code, 1, 9), ${r}.kind, coalesce(${r}.risk_level, ''), ${daySqlite(`${r}.created_at`)}, ${sign}1
    where ${owes(r)}
    on conflict (${owingKey}) do update set sites = site_owing.sites + excluded.sites;`;
  await sql
    .raw(`create trigger site_owing_insert after insert on site begin ${owingRow("new", "")} end`)
    .execute(db);
  await sql
    .raw(`create trigger site_owing_delete after delete on site begin ${owingRow("old", "-")} end`)
    .execute(db);
  // a site's met periods: the distinct periods of its check-ins, for every frequency, begun after it was registered
  const moved = (r: string, sign: "" | "-") => `insert into patrol_met (${metKey}, sites)
    select substr(${r}.region_code, 1, 9), x.f, x.ps, ${r}.kind, coalesce(${r}.risk_level, ''), ${sign}count(*)
    from (select distinct fq.f, ${startCaseSqlite(daySqlite("p.received_at"))} ps
          from patrol p, (${frequencyRows}) fq where p.site_id = ${r}.id) x
    where ${owes(r)} and x.ps > ${daySqlite(`${r}.created_at`)}
    group by x.f, x.ps
    on conflict (${metKey}) do update set sites = patrol_met.sites + excluded.sites;`;
  await sql
    .raw(
      `create trigger site_owing_update after update of region_code, kind, risk_level, status, direct, created_at
        on site begin ${owingRow("old", "-")} ${owingRow("new", "")} ${moved("old", "-")} ${moved("new", "")} end`,
    )
    .execute(db);
  // a check-in: +1 for each frequency's period it is the site's first check-in of (row by row, in order)
  const l = daySqlite("new.received_at");
  await sql
    .raw(
      `create trigger patrol_met_insert after insert on patrol begin
        insert into patrol_met (${metKey}, sites)
        select substr(s.region_code, 1, 9), q.f, q.ps, s.kind, coalesce(s.risk_level, ''), 1
        from site s, (select fq.f, ${startCaseSqlite(l)} ps from (${frequencyRows}) fq) q
        where s.id = new.site_id and ${owes("s")} and q.ps > ${daySqlite("s.created_at")}
          and not exists (select 1 from patrol o where o.site_id = new.site_id and o.id <> new.id
            and o.received_at >= ${isoSqlite("q.ps")}
            and o.received_at < ${isoSqlite(`date(q.ps, case q.f ${frequencies.map((f) => `when '${f}' then '${lengthOf[f]}'`).join(" ")} end)`)})
        on conflict (${metKey}) do update set sites = patrol_met.sites + excluded.sites;
      end`,
    )
    .execute(db);
  await sql
    .raw(`insert into site_owing (${owingKey}, sites)
      select substr(s.region_code, 1, 9), s.kind, coalesce(s.risk_level, ''), ${daySqlite("s.created_at")}, count(*)
      from site s where ${owes("s")} group by 1, 2, 3, 4`)
    .execute(db);
  await sql
    .raw(`insert into patrol_met (${metKey}, sites)
      select substr(s.region_code, 1, 9), x.f, x.ps, s.kind, coalesce(s.risk_level, ''), count(*)
      from (select distinct p.site_id, fq.f, ${startCaseSqlite(daySqlite("p.received_at"))} ps
            from patrol p, (${frequencyRows}) fq) x
      join site s on s.id = x.site_id
      where ${owes("s")} and x.ps > ${daySqlite("s.created_at")}
      group by 1, 2, 3, 4, 5`)
    .execute(db);
}

/** PostgreSQL: the period functions once, a row trigger per check-in and per changed site, statement triggers for the owing sites. */
async function triggersPg(db: Kysely<unknown>) {
  // Shanghai wall time without the time zone database, as patrol_day (migration 202612141000)
  const day = (instant: string) =>
    `((${instant}::timestamptz at time zone 'UTC') + interval '8 hours')::date`;
  const text = (d: string) => `to_char(${d}, 'YYYY-MM-DD')`;
  await sql
    .raw(
      `create function patrol_period_start(f text, l date) returns date language sql immutable as $$
        select case f
          when 'weekly' then date_trunc('week', l::timestamp)::date
          when 'fortnightly' then date '1970-01-05' + ((l - date '1970-01-05') / 14) * 14
          when 'monthly' then date_trunc('month', l::timestamp)::date
          when 'quarterly' then date_trunc('quarter', l::timestamp)::date
          when 'half_yearly' then make_date(extract(year from l)::int, case when extract(month from l) <= 6 then 1 else 7 end, 1)
          when 'yearly' then date_trunc('year', l::timestamp)::date
        end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function patrol_period_end(f text, s date) returns date language sql immutable as $$
        select (s + case f
          when 'weekly' then interval '7 days' when 'fortnightly' then interval '14 days'
          when 'monthly' then interval '1 month' when 'quarterly' then interval '3 months'
          when 'half_yearly' then interval '6 months' else interval '1 year' end)::date $$`,
    )
    .execute(db);
  const iso = (d: string) => `to_char(${d}::timestamp - interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const fq = `(values ${frequencies.map((f) => `('${f}')`).join(", ")}) fq(f)`;
  // BEFORE each row: queries here see the rows of the same statement processed before this one (not this one)
  await sql
    .raw(
      `create function patrol_met_add() returns trigger language plpgsql set search_path from current as $$
      declare
        l date := ${day("new.received_at")};
      begin
        insert into patrol_met (${metKey}, sites)
        select left(s.region_code, 9), q.f, ${text("q.d")}, s.kind, coalesce(s.risk_level, ''), 1
        from site s, (select fq.f, patrol_period_start(fq.f, l) d from ${fq}) q
        where s.id = new.site_id and ${owes("s")} and ${text("q.d")} > ${text(day("s.created_at"))}
          and not exists (select 1 from patrol o where o.site_id = new.site_id
            and o.received_at >= ${iso("q.d")} and o.received_at < ${iso("patrol_period_end(q.f, q.d)")})
        order by 1, 2, 3, 4, 5
        on conflict (${metKey}) do update set sites = patrol_met.sites + excluded.sites;
        return new;
      end $$`,
    )
    .execute(db);
  await sql`create trigger patrol_met_insert before insert on patrol
    for each row execute function patrol_met_add()`.execute(db);
  const moved = (r: string, sign: "" | "-") => `
        insert into patrol_met (${metKey}, sites)
        select left(${r}.region_code, 9), x.f, x.ps, ${r}.kind, coalesce(${r}.risk_level, ''), ${sign}count(*)
        from (select distinct fq.f, ${text(`patrol_period_start(fq.f, ${day("p.received_at")})`)} ps
              from patrol p, ${fq} where p.site_id = ${r}.id) x
        where ${owes(r)} and x.ps > ${text(day(`${r}.created_at`))}
        group by x.f, x.ps
        order by 1, 2, 3, 4, 5
        on conflict (${metKey}) do update set sites = patrol_met.sites + excluded.sites;`;
  await sql
    .raw(
      `create function patrol_met_move() returns trigger language plpgsql set search_path from current as $$
      begin ${moved("old", "-")} ${moved("new", "")}
        return null;
      end $$`,
    )
    .execute(db);
  const watched = ["region_code", "kind", "risk_level", "status", "direct", "created_at"];
  await sql
    .raw(
      `create trigger patrol_met_site after update on site for each row
        when (${watched.map((c) => `old.${c} is distinct from new.${c}`).join(" or ")})
        execute function patrol_met_move()`,
    )
    .execute(db);
  // the owing sites: one statement trigger per write statement over its transition tables, as site_tally
  const rows = (table: string, sign: "" | "-") =>
    `select left(r.region_code, 9) region_code, r.kind, coalesce(r.risk_level, '') risk_level,
       ${text(day("r.created_at"))} created_day, ${sign}1 n from ${table} r where ${owes("r")}`;
  const net = (from: string) => `
    insert into site_owing (${owingKey}, sites)
    select ${owingKey}, sum(n) from (${from}) x group by ${owingKey} having sum(n) <> 0 order by ${owingKey}
    on conflict (${owingKey}) do update set sites = site_owing.sites + excluded.sites;`;
  await sql
    .raw(
      `create function site_owing_apply() returns trigger language plpgsql set search_path from current as $$
      begin
        if tg_op = 'INSERT' then ${net(rows("new_rows", ""))}
        elsif tg_op = 'DELETE' then ${net(rows("old_rows", "-"))}
        else ${net(`${rows("old_rows", "-")} union all ${rows("new_rows", "")}`)}
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger site_owing_insert after insert on site referencing new table as new_rows
    for each statement execute function site_owing_apply()`.execute(db);
  await sql`create trigger site_owing_update after update on site
    referencing old table as old_rows new table as new_rows for each statement execute function site_owing_apply()`.execute(
    db,
  );
  await sql`create trigger site_owing_delete after delete on site referencing old table as old_rows
    for each statement execute function site_owing_apply()`.execute(db);
  await sql
    .raw(`insert into site_owing (${owingKey}, sites)
      select ${owingKey}, sum(n) from (${rows("site", "")}) x group by ${owingKey}`)
    .execute(db);
  await sql
    .raw(`insert into patrol_met (${metKey}, sites)
      select left(s.region_code, 9), x.f, x.ps, s.kind, coalesce(s.risk_level, ''), count(*)
      from (select distinct p.site_id, fq.f, ${text(`patrol_period_start(fq.f, ${day("p.received_at")})`)} ps
            from patrol p, ${fq}) x
      join site s on s.id = x.site_id
      where ${owes("s")} and x.ps > ${text(day("s.created_at"))}
      group by 1, 2, 3, 4, 5`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger patrol_met_insert on patrol`.execute(db);
    await sql`drop trigger patrol_met_site on site`.execute(db);
    for (const t of ["insert", "update", "delete"])
      await sql.raw(`drop trigger site_owing_${t} on site`).execute(db);
    await sql`drop function patrol_met_add()`.execute(db);
    await sql`drop function patrol_met_move()`.execute(db);
    await sql`drop function site_owing_apply()`.execute(db);
    await sql`drop function patrol_period_end(text, date)`.execute(db);
    await sql`drop function patrol_period_start(text, date)`.execute(db);
  } else
    for (const t of ["patrol_met_insert", "site_owing_insert", "site_owing_delete", "site_owing_update"])
      await sql.raw(`drop trigger ${t}`).execute(db);
  await db.schema.dropTable("patrol_met").execute();
  await db.schema.dropTable("site_owing").execute();
}
