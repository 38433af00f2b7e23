import type { Kysely } from "kysely";

/**
 * Document delivery (R15, issue 9): a department's delivery, its per-site targets resolved once at creation
 * (a snapshot of the filter's sites), and the grid workers' records (delivered or refused), keyed by the
 * phone's own id so a replayed outbox item never makes a second record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("delivery")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("department_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("document_evidence_id", "text")
    .addColumn("due_date", "text")
    .addColumn("filter", "text", (c) => c.notNull())
    .addColumn("target_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("delivery_region_idx")
    .on("delivery")
    .columns(["region_code", "created_at"])
    .execute();

  await db.schema
    .createTable("delivery_target")
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("site_name", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("grid_id", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("record_id", "text")
    .addColumn("removed_at", "text")
    .addPrimaryKeyConstraint("delivery_target_pk", ["delivery_id", "site_id"])
    .execute();
  await db.schema.createIndex("delivery_target_site_idx").on("delivery_target").column("site_id").execute();

  await db.schema
    .createTable("delivery_record")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("client_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("accuracy", "double precision")
    .addColumn("distance_m", "double precision")
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("evidence_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("delivery_record_target_idx")
    .on("delivery_record")
    .columns(["delivery_id", "site_id"])
    .unique()
    .execute();
}
