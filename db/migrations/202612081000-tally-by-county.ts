import { type Kysely, sql } from "kysely";

/**
 * Issue 10: the rollup keeps rows for counties and townships only; a province's or a city's figures are the
 * sums of its counties' rows (db/queries/case-tally-queries.ts, `tallyLevels`). Their own rows were updated
 * by every case of every county, and on PostgreSQL that row lock made case transactions of different
 * counties commit one after another. Those rows are dropped (they are sums of the county rows, which stay);
 * the index reads a period's county rows by period first, whatever the database's LIKE can use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from case_tally where level < 6`.execute(db);
  await db.schema
    .createIndex("case_tally_period_regions")
    .on("case_tally")
    .columns(["grain", "dim", "level", "period", "region_code"])
    .execute();
}
