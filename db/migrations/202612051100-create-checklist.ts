import type { Kysely } from "kysely";

/**
 * Checklists (issue 9): a county's versions of its checklists (the defaults are data, version 1, never
 * stored), and the runs filled on the phone against one version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("checklist_template")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("site_kinds", "text", (c) => c.notNull())
    .addColumn("industries", "text", (c) => c.notNull())
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("checklist_template_pk", ["county_code", "id", "version"])
    .execute();
  await db.schema
    .createTable("checklist_run")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("checklist_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("failed_count", "integer", (c) => c.notNull())
    .addColumn("evidence_ids", "text", (c) => c.notNull())
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("accuracy", "double precision")
    .addColumn("distance_m", "integer")
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("reports", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("client_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("checklist_run_site")
    .on("checklist_run")
    .columns(["site_id", "received_at"])
    .execute();
}
