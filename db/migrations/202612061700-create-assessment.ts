import type { Kysely } from "kysely";

/**
 * Issue 13.4 (R23): assessment schemes, runs (versions per scheme and period; a published run is frozen),
 * one result per assessed subject with its breakdown, and the adjustments (each with its reason).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("assessment_scheme")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_scheme_region")
    .on("assessment_scheme")
    .column("region_code")
    .execute();
  await db.schema
    .createTable("assessment_run")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scheme_id", "text", (c) => c.notNull())
    .addColumn("scheme_name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("subject_count", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("run_by", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_note", "text")
    .addColumn("published_by", "text")
    .addColumn("published_at", "text")
    .addUniqueConstraint("assessment_run_version_unique", ["scheme_id", "period", "version"])
    .execute();
  await db.schema
    .createIndex("assessment_run_region")
    .on("assessment_run")
    .columns(["region_code", "period"])
    .execute();
  await db.schema
    .createTable("assessment_result")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("subject_name", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("computed_score", "double precision", (c) => c.notNull())
    .addColumn("adjustment", "double precision", (c) => c.notNull())
    .addColumn("final_score", "double precision", (c) => c.notNull())
    .addColumn("rank", "integer")
    .addColumn("breakdown", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assessment_result_run").on("assessment_result").column("run_id").execute();
  await db.schema
    .createIndex("assessment_result_subject")
    .on("assessment_result")
    .columns(["subject_id", "run_id"])
    .execute();
  await db.schema
    .createTable("assessment_adjustment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("result_id", "text", (c) => c.notNull())
    .addColumn("delta", "double precision", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("made_by", "text", (c) => c.notNull())
    .addColumn("made_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_adjustment_run")
    .on("assessment_adjustment")
    .column("run_id")
    .execute();
}
