import type { Kysely } from "kysely";

/** Per-county settings (issue 8: 同人不得闭环 — another person re-checks and closes), on by default. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("county_setting")
    .addColumn("region_code", "text", (c) => c.primaryKey())
    .addColumn("another_person_closes", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
