import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import { isPostgres, serialType } from "./migration-helpers";

/**
 * The closed loop (issue 4): cases, their numbers, deadline rules, evidence, idempotency keys, the inbox,
 * outbound deliveries (SMS, webhooks) and webhooks. No foreign keys to sites (issue 3 builds them in
 * parallel); `site_id` is plain text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db);
  const serial = (c: ColumnDefinitionBuilder) => (pgsql ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("case_record")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("open", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("grid_code", "text")
    .addColumn("site_id", "text")
    .addColumn("lng", "double precision")
    .addColumn("lat", "double precision")
    .addColumn("evidence_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("reporter_id", "text")
    .addColumn("reported_at", "text", (c) => c.notNull())
    .addColumn("lead_department_id", "text", (c) => c.notNull())
    .addColumn("owner_department_id", "text", (c) => c.notNull())
    .addColumn("suggested_department_id", "text")
    .addColumn("handler_id", "text")
    .addColumn("stage_entered_at", "text", (c) => c.notNull())
    .addColumn("deadline", "text")
    .addColumn("deadline_state", "text", (c) => c.notNull().defaultTo("on_time"))
    .addColumn("recheck_reminded_at", "text")
    .addColumn("rework_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("return_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("escalated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("escalation_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("escalation_level", "integer")
    .addColumn("recurring", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("park_pending", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("park_request", "text")
    .addColumn("plan", "text")
    .addColumn("remediation", "text")
    .addColumn("last_feedback_at", "text")
    .addColumn("last_feedback_by", "text")
    .addColumn("last_recheck", "text")
    .addColumn("onsite_acceptance", "text")
    .addColumn("reject_reason", "text")
    .addColumn("merged_into", "text")
    .addColumn("close_reason", "text")
    .addColumn("resolution", "text")
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on("case_record").columns(columns).execute();
  // Work queues of a department (to accept, to handle, overdue) ordered by deadline.
  await index("case_owner_queue_idx", ["owner_department_id", "stage", "deadline"]);
  await index("case_owner_open_idx", ["owner_department_id", "open", "deadline"]);
  // Triage and closing queues of the lead department.
  await index("case_lead_queue_idx", ["lead_department_id", "stage", "deadline"]);
  // The deadline job: cases whose recorded state is behind their deadline.
  await index("case_deadline_scan_idx", ["deadline_state", "deadline"]);
  // Jurisdiction lists (offices, field roles) and the site file; a county's open cases by deadline.
  await index("case_county_open_idx", ["county_code", "open", "deadline"]);
  await index("case_region_idx", ["region_code", "reported_at"]);
  await index("case_stage_idx", ["stage", "deadline"]);
  await index("case_site_idx", ["site_id", "category", "reported_at"]);
  await index("case_nearby_idx", ["category", "open", "lat"]);
  await index("case_reporter_idx", ["reporter_id", "reported_at"]);
  await index("case_escalated_idx", ["escalated", "open", "deadline"]);

  await db.schema
    .createTable("case_number_seq")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_number_seq_pk", ["county_code", "year"])
    .execute();

  await db.schema
    .createTable("case_deadline_rule")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_prefix", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("type", "text")
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evidence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .addColumn("region_code", "text")
    .execute();
  await db.schema.createIndex("evidence_case_idx").on("evidence").column("case_id").execute();
  await db.schema.createIndex("evidence_sha_idx").on("evidence").column("sha256").execute();

  await db.schema
    .createTable("idempotency_key")
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status_code", "integer", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_key_pk", ["actor_id", "key"])
    .execute();
  await db.schema.createIndex("idempotency_key_at_idx").on("idempotency_key").column("created_at").execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", serialType(db), serial)
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("region_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notification_user_idx")
    .on("notification")
    .columns(["user_id", "id"])
    .execute();
  await db.schema.createIndex("notification_case_idx").on("notification").column("case_id").execute();

  await db.schema
    .createTable("notification_delivery")
    .addColumn("id", serialType(db), serial)
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .addColumn("user_id", "text")
    .addColumn("webhook_id", "text")
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_until", "text")
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema
    .createIndex("delivery_due_idx")
    .on("notification_delivery")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("delivery_case_idx").on("notification_delivery").column("case_id").execute();
  await db.schema
    .createIndex("delivery_webhook_idx")
    .on("notification_delivery")
    .columns(["webhook_id", "id"])
    .execute();

  await db.schema
    .createTable("webhook")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("department_id", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhook_region_idx").on("webhook").column("region_code").execute();
}
