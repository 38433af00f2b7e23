import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 13, dashboards at province scale (1,000,000 sites, 5,000,000 cases; bench/dashboard.ts):
 * - `site_tally`: the register's coverage counts per site region (sites not closed; directly supervised;
 *   without grid, outside every grid, without location, without worker, without department), kept by
 *   triggers in the transaction of every write to `site`, whichever command or import writes it. The
 *   coverage figures of a province read ~18,000 of these rows instead of a million sites (1.4 s on SQLite).
 * - `grid_coverage_idx`: the coverage and the assessment read grids by status and code range with the
 *   officer column, without visiting the rows (their GeoJSON comes before it).
 * - patrols by region and time (an assessment scanned every patrol of the province) are served by
 *   `patrol_region_received` of migration 202612121010, which was made the same day for the dashboard.
 * - `case_escalated_open_idx` repeated `case_escalated_idx` column for column: every case write kept both.
 */
export const siteTallyCounters = [
  "sites",
  "direct",
  "no_grid",
  "outside_grids",
  "no_location",
  "no_worker",
  "no_department",
] as const;

/** What one site row `r` adds to its region's counters (a closed site adds nothing). */
function contributions(r: string): string[] {
  const open = `${r}.status <> 'closed'`;
  const inGrid = `${open} and ${r}.direct = 0`;
  const flag = (cond: string) => `case when ${cond} then 1 else 0 end`;
  return [
    flag(open),
    flag(`${open} and ${r}.direct = 1`),
    flag(`${inGrid} and ${r}.grid_id is null`),
    flag(`${inGrid} and ${r}.grid_id is null and ${r}.grid_rule = 'outside_grids'`),
    flag(`${inGrid} and ${r}.lon is null`),
    flag(`${inGrid} and ${r}.worker_id is null`),
    flag(`${open} and ${r}.department_id is null`),
  ];
}

const columns = siteTallyCounters.join(", ");
const addExcluded = siteTallyCounters.map((c) => `${c} = site_tally.${c} + excluded.${c}`).join(", ");

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  let t = db.schema.createTable("site_tally").addColumn("region_code", "text", (c) => c.primaryKey());
  for (const c of siteTallyCounters) t = t.addColumn(c, "integer", (col) => col.notNull().defaultTo(0));
  await (pg ? t : t.modifyEnd(sql`without rowid`)).execute();
  await sql`insert into site_tally (region_code, ${sql.raw(columns)})
    select region_code, ${sql.raw(
      contributions("s")
        .map((e) => `sum(${e})`)
        .join(", "),
    )}
    from site s group by region_code`.execute(db);
  if (pg) await siteTallyTriggersPg(db);
  else await siteTallyTriggersSqlite(db);

  await db.schema
    .createIndex("grid_coverage_idx")
    .on("grid")
    .columns(["status", "code", "officer_name", "id"])
    .execute();
  // patrol (region_code, received_at): served by patrol_region_received (202612121010), which extends it.
  await db.schema.dropIndex("case_escalated_open_idx").execute();
}

/** SQLite: a row trigger per write adds the new row's counters and takes back the old row's. */
async function siteTallyTriggersSqlite(db: Kysely<unknown>) {
  const upsert = (r: string, sign: "" | "-") =>
    `insert into site_tally (region_code, ${columns})
      select ${r}.region_code, ${contributions(r)
        .map((e) => `${sign}${e}`)
        .join(", ")} where ${r}.status <> 'closed'
      on conflict (region_code) do update set ${addExcluded};`;
  await sql
    .raw(`create trigger site_tally_insert after insert on site begin ${upsert("new", "")} end`)
    .execute(db);
  await sql
    .raw(`create trigger site_tally_delete after delete on site begin ${upsert("old", "-")} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger site_tally_update after update of region_code, status, direct, grid_id, grid_rule, lon,
        worker_id, department_id on site begin ${upsert("old", "-")} ${upsert("new", "")} end`,
    )
    .execute(db);
}

/**
 * PostgreSQL: one statement trigger per write statement, over its transition tables: the rows' counters
 * summed per region (old rows taken back), only regions whose counters change are written, in region order
 * (two transactions take their row locks in the same order). An import of thousands of sites is one upsert.
 */
async function siteTallyTriggersPg(db: Kysely<unknown>) {
  const net = (from: string) => `
    insert into site_tally (region_code, ${columns})
    select region_code, ${siteTallyCounters.map((c) => `sum(${c})`).join(", ")} from (${from}) x
    group by region_code
    having ${siteTallyCounters.map((c) => `sum(${c}) <> 0`).join(" or ")}
    order by region_code
    on conflict (region_code) do update set ${addExcluded};`;
  const rows = (table: string, sign: "" | "-") =>
    `select r.region_code, ${contributions("r")
      .map((e, i) => `${sign}${e} as ${siteTallyCounters[i]}`)
      .join(", ")} from ${table} r`;
  await sql
    .raw(
      `create function site_tally_apply() returns trigger language plpgsql set search_path from current as $$
      begin
        if tg_op = 'INSERT' then ${net(rows("new_rows", ""))}
        elsif tg_op = 'DELETE' then ${net(rows("old_rows", "-"))}
        else ${net(`${rows("old_rows", "-")} union all ${rows("new_rows", "")}`)}
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger site_tally_insert after insert on site referencing new table as new_rows
    for each statement execute function site_tally_apply()`.execute(db);
  await sql`create trigger site_tally_update after update on site
    referencing old table as old_rows new table as new_rows for each statement execute function site_tally_apply()`.execute(
    db,
  );
  await sql`create trigger site_tally_delete after delete on site referencing old table as old_rows
    for each statement execute function site_tally_apply()`.execute(db);
}
