import type { Kysely } from "kysely";

/**
 * Issue 14.2, R27: third-party safety technical service organisations (第三方安全技术服务机构), their experts
 * (qualification and validity dates), engagements by a county or township office with the sites to assess
 * and the cases to guide, risk assessments (approved by an official before the site's risk level changes)
 * and the guidance given on cases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("service_org")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("uscc", "text")
    .addColumn("qualification", "text", (c) => c.notNull())
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("service_expert")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("qualification", "text", (c) => c.notNull())
    .addColumn("certificate_no", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("service_expert_org").on("service_expert").column("org_id").execute();
  await db.schema
    .createTable("service_engagement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("expert_id", "text", (c) => c.notNull())
    .addColumn("expert_user_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("ended_by", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_engagement_expert")
    .on("service_engagement")
    .columns(["expert_user_id", "ends_on"])
    .execute();
  await db.schema
    .createTable("service_engagement_target")
    .addColumn("engagement_id", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("service_engagement_target_pk", ["engagement_id", "target_kind", "target_id"])
    .execute();
  await db.schema
    .createIndex("service_engagement_target_of")
    .on("service_engagement_target")
    .columns(["target_kind", "target_id"])
    .execute();
  await db.schema
    .createTable("service_assessment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("expert_id", "text", (c) => c.notNull())
    .addColumn("expert_user_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("previous_risk_level", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .execute();
  await db.schema
    .createIndex("service_assessment_org_at")
    .on("service_assessment")
    .columns(["org_id", "submitted_at"])
    .execute();
  await db.schema
    .createTable("service_guidance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("expert_id", "text", (c) => c.notNull())
    .addColumn("expert_user_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("evidence_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_guidance_org_at")
    .on("service_guidance")
    .columns(["org_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "service_guidance",
    "service_assessment",
    "service_engagement_target",
    "service_engagement",
    "service_expert",
    "service_org",
  ])
    await db.schema.dropTable(t).execute();
}
