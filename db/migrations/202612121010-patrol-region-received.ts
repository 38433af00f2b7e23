import type { Kysely } from "kysely";

/**
 * Patrol plan coverage of a county, township or village (the region dashboard, issue 13.2, and the
 * assessment runs): the region's patrols of a few weeks to a year, read by an index range on the region
 * code and then the receiving time; the patrol table had indexes by site and by worker only, so each
 * read scanned every patrol of the province. With the site and the id in it, the dashboard's read is
 * answered from the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("patrol_region_received")
    .on("patrol")
    .columns(["region_code", "received_at", "site_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("patrol_region_received").execute();
}
