import type { Kysely } from "kysely";

/**
 * Open311 `GET requests` with a county and a service_code (the tip kind): `tip_county_created` walked the
 * county's tips in the window in time order and read each tip's row for its kind (at 1,000,000 tip cases,
 * thousands of rows for a 30-day window of one county). With the kind in the index, after the filing time,
 * the walk keeps its order and skips other kinds inside the index; a list without a county still walks
 * `tip_created`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("tip_county_created").execute();
  await db.schema
    .createIndex("tip_county_created_kind")
    .on("tip")
    .columns(["county_code", "created_at", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("tip_county_created_kind").execute();
  await db.schema
    .createIndex("tip_county_created")
    .on("tip")
    .columns(["county_code", "created_at"])
    .execute();
}
