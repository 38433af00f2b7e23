import type { Kysely } from "kysely";

/**
 * Open311 `GET requests` (issue 12) lists one county's tips in filing order: without this index SQLite
 * walked every case (tips or not) and sorted. The list now filters and orders on the tip's own filing time
 * (`tip.created_at`, the same instant as its case's `reported_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("tip_county_created")
    .on("tip")
    .columns(["county_code", "created_at"])
    .execute();
  await db.schema.createIndex("tip_created").on("tip").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("tip_created").execute();
  await db.schema.dropIndex("tip_county_created").execute();
}
