import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 13, a county's patrol plan coverage at province scale: `patrol_day` holds, per site, region and
 * Shanghai year, the days it was patrolled (61 characters of 6 days each as bits;
 * domain/patrol/patrol-days.ts). A trigger marks the day in the transaction of every patrol insert, whichever
 * command, import or seed writes it; patrols are never updated or deleted. The dashboard then reads one row per
 * site (a county's year: ~16,000) instead of every check-in (~113,000), and decides any plan frequency's
 * periods from the days. `site_owing_idx` gives the same figure the sites' owing columns without their rows.
 */
const zeros = { sqlite: "substr(hex(zeroblob(31)), 1, 61)", pg: "repeat('0', 61)" };
/** `row` with bit `bit` set in its character `at` (0-based; domain/patrol/patrol-days.ts `markDay`). */
const mark = (row: string, at: string, bit: string, chr: "char" | "chr", code: "unicode" | "ascii") =>
  `substr(${row}, 1, ${at}) || ${chr}(((${code}(substr(${row}, ${at} + 1, 1)) - 48) | ${bit}) + 48) || substr(${row}, ${at} + 2)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const t = db.schema
    .createTable("patrol_day")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("days", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("patrol_day_pk", ["region_code", "site_id", "year"]);
  await (pg ? t : t.modifyEnd(sql`without rowid`)).execute();
  if (pg) await patrolDayPg(db);
  else await patrolDaySqlite(db);
  await db.schema
    .createIndex("site_owing_idx")
    .on("site")
    .columns(["region_code", "status", "id", "kind", "risk_level", "created_at", "direct"])
    .execute();
}

/** SQLite: a row trigger sets the day's character (an upsert: the row's first check-in of the year makes it). */
async function patrolDaySqlite(db: Kysely<unknown>) {
  const at = (r: string) => `${r}.received_at, '+8 hours'`;
  const year = (r: string) => `cast(strftime('%Y', ${at(r)}) as integer)`;
  const day = (r: string) => `(cast(strftime('%j', ${at(r)}) as integer) - 1)`;
  const sqliteMark = (row: string, d: string) =>
    mark(row, `(${d} / 6)`, `(1 << (${d} % 6))`, "char", "unicode");
  // an existing row takes the new row's one marked character (the last that is not "0" in `excluded`)
  const theirs = "(length(rtrim(excluded.days, '0')) - 1)";
  const upsert = (r: string, where: string) => `insert into patrol_day (region_code, site_id, year, days)
    select ${r}.region_code, ${r}.site_id, ${year(r)}, ${sqliteMark(zeros.sqlite, day(r))} ${where}
    on conflict (region_code, site_id, year) do update
    set days = ${mark("patrol_day.days", theirs, `(unicode(substr(excluded.days, ${theirs} + 1, 1)) - 48)`, "char", "unicode")}`;
  await sql
    .raw(`create trigger patrol_day_insert after insert on patrol begin ${upsert("new", "")}; end`)
    .execute(db);
  // the patrols already stored, in one statement (SQLite applies an upsert row by row)
  await sql.raw(`${upsert("p", "from patrol p where true")}`).execute(db);
}

/** PostgreSQL: a row trigger (two check-ins of one site in one statement each set their own day). */
async function patrolDayPg(db: Kysely<unknown>) {
  // Shanghai wall time without the time zone database: China has kept UTC+8 all year since 1992
  const local = (r: string) => `((${r}.received_at::timestamptz at time zone 'UTC') + interval '8 hours')`;
  const pgMark = (row: string) => mark(row, "(d / 6)", "(1 << (d % 6))", "chr", "ascii");
  await sql
    .raw(
      `create function patrol_day_mark() returns trigger language plpgsql set search_path from current as $$
      declare
        d int := extract(doy from ${local("new")})::int - 1;
        y int := extract(year from ${local("new")})::int;
      begin
        insert into patrol_day (region_code, site_id, year, days)
        values (new.region_code, new.site_id, y, ${pgMark(zeros.pg)})
        on conflict (region_code, site_id, year) do update set days = ${pgMark("patrol_day.days")};
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger patrol_day_insert after insert on patrol
    for each row execute function patrol_day_mark()`.execute(db);
  // the patrols already stored: each site-year's days gathered first (one upsert cannot touch a row twice)
  await sql
    .raw(
      `insert into patrol_day (region_code, site_id, year, days)
      select region_code, site_id, y,
        (select string_agg(chr(48 + coalesce((select bit_or(1 << (d % 6)) from unnest(ds) d where d / 6 = g), 0)),
          '' order by g) from generate_series(0, 60) g)
      from (
        select region_code, site_id, extract(year from l)::int y, array_agg(distinct extract(doy from l)::int - 1) ds
        from (select region_code, site_id, ${local("p")} l from patrol p) x
        group by 1, 2, 3
      ) a`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("site_owing_idx").execute();
  if (isPostgres(db)) {
    await sql`drop trigger patrol_day_insert on patrol`.execute(db);
    await sql`drop function patrol_day_mark()`.execute(db);
  } else await sql`drop trigger patrol_day_insert`.execute(db);
  await db.schema.dropTable("patrol_day").execute();
}
