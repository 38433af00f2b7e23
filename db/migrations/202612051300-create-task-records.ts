import type { Kysely } from "kysely";

/**
 * Issue 9, R14/R16/R17/R19: county-defined task kinds (forms as data, every version kept so a record is
 * checked against the version it was filled on), task records from the phone, training sessions and
 * their attendance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("task_kind")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("zh", "text", (c) => c.notNull())
    .addColumn("en", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("min_photos", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addUniqueConstraint("task_kind_region_code_unique", ["region_code", "code"])
    .execute();
  await db.schema
    .createTable("task_kind_version")
    .addColumn("kind_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("zh", "text", (c) => c.notNull())
    .addColumn("min_photos", "integer", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("task_kind_version_pk", ["kind_id", "version"])
    .execute();
  await db.schema
    .createTable("task_record")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind_code", "text", (c) => c.notNull())
    .addColumn("kind_version", "integer", (c) => c.notNull())
    .addColumn("kind_zh", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("site_id", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("client_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("accuracy", "double precision")
    .addColumn("distance_m", "integer")
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("field_values", "text", (c) => c.notNull())
    .addColumn("evidence_ids", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("task_record_region_received")
    .on("task_record")
    .columns(["region_code", "received_at"])
    .execute();
  await db.schema
    .createTable("training")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("lng", "double precision", (c) => c.notNull())
    .addColumn("lat", "double precision", (c) => c.notNull())
    .addColumn("radius_m", "integer", (c) => c.notNull())
    .addColumn("trainer", "text", (c) => c.notNull())
    .addColumn("token_key", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("training_region_starts")
    .on("training")
    .columns(["region_code", "starts_at"])
    .execute();
  await db.schema
    .createTable("training_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("training_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("client_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("accuracy", "double precision")
    .addColumn("distance_m", "integer")
    .addColumn("flags", "text", (c) => c.notNull())
    .addUniqueConstraint("training_attendance_once", ["training_id", "user_id"])
    .execute();
}
