import { type Kysely, sql } from "kysely";

/**
 * Issue 13, a county's escalated list (督办, nearest deadline first): the county's open cases by deadline
 * (`case_county_open_idx`) hold few escalated ones, so the list walked most of a large county's open cases to
 * find its first ten (71 ms on PostgreSQL at province scale). A partial index of the open escalated cases by
 * county and deadline holds only those; the query names the predicate with literals (a bound parameter
 * cannot prove a partial index's condition on SQLite).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("case_county_escalated_idx")
    .on("case_record")
    .columns(["county_code", "deadline"])
    .where(sql.ref("escalated"), "=", sql.lit(1))
    .where(sql.ref("open"), "=", sql.lit(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("case_county_escalated_idx").execute();
}
