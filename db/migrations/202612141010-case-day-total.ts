import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 13, a province's or a city's daily series (reported and closed per day over a year): the case rollup
 * keeps rows per county (a row every county wrote would serialise the counties' transactions, issue 10), so a
 * province's year summed 36,500 county rows per request (155 ms on PostgreSQL). `case_day_total` keeps the sum
 * per province or city and day, made once for a day no command can count a step on any more (two days past:
 * every step is counted on its command's own day), and forgotten when a step is counted on its day anyway (a
 * clock set back) or its county's rollup is rebuilt (db/queries/case-day-queries.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = db.schema
    .createTable("case_day_total")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("reported", "integer", (c) => c.notNull())
    .addColumn("closed", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_day_total_pk", ["region_code", "day"]);
  await (isPostgres(db) ? t : t.modifyEnd(sql`without rowid`)).execute();
  await db.schema.createIndex("case_day_total_day").on("case_day_total").columns(["day"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("case_day_total").execute();
}
