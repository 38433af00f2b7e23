import type { Kysely } from "kysely";

/**
 * Patrols (日常巡查, R22, issue 9): one row per check-in made on the phone (its id is the phone's outbox id),
 * and the patrol plan of a county (a missing row means the default plan).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("patrol")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("site.id"))
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("client_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("accuracy", "double precision")
    .addColumn("mock", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("distance_m", "integer")
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .addColumn("evidence_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.createIndex("patrol_site_idx").on("patrol").columns(["site_id", "received_at"]).execute();
  await db.schema.createIndex("patrol_user_idx").on("patrol").columns(["user_id", "received_at"]).execute();
  await db.schema
    .createTable("patrol_plan")
    .addColumn("region_code", "text", (c) => c.primaryKey())
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
