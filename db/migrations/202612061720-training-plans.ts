import type { Kysely } from "kysely";

/**
 * Issue 13.6 (R19): annual training plans per locality; a session's kind, hours, materials and plan;
 * an attendee's score (attendance entered by the organiser is method `manual`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("training_plan")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("planned_sessions", "integer", (c) => c.notNull())
    .addColumn("planned_hours", "double precision", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("training_plan_region")
    .on("training_plan")
    .columns(["region_code", "year"])
    .execute();
  await db.schema
    .alterTable("training")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("class"))
    .execute();
  await db.schema.alterTable("training").addColumn("hours", "double precision").execute();
  await db.schema.alterTable("training").addColumn("materials", "text").execute();
  await db.schema.alterTable("training").addColumn("plan_id", "text").execute();
  await db.schema.alterTable("training_attendance").addColumn("score", "double precision").execute();
}
