import type { Kysely } from "kysely";

/**
 * Issue 13.5 (R20): a county's pay rates and reward rules, grid workers' bank accounts, monthly pay sheets
 * (versions; an approved sheet is frozen) with one line per worker, and the equipment register.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pay_setting")
    .addColumn("region_code", "text", (c) => c.primaryKey())
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("pay_profile")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("bank_name", "text", (c) => c.notNull())
    .addColumn("bank_account", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("pay_sheet")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("assessment_run_id", "text")
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .addColumn("problem_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "text")
    .addUniqueConstraint("pay_sheet_version_unique", ["region_code", "month", "version"])
    .execute();
  await db.schema
    .createTable("pay_line")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sheet_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("employment", "text", (c) => c.notNull())
    .addColumn("score", "double precision")
    .addColumn("base", "double precision", (c) => c.notNull())
    .addColumn("performance", "double precision", (c) => c.notNull())
    .addColumn("rewards", "double precision", (c) => c.notNull())
    .addColumn("reward_count", "integer", (c) => c.notNull())
    .addColumn("deductions", "double precision", (c) => c.notNull())
    .addColumn("missed_sites", "integer", (c) => c.notNull())
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("bank_name", "text")
    .addColumn("account_masked", "text")
    .addColumn("problem", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pay_line_sheet").on("pay_line").column("sheet_id").execute();
  await db.schema.createIndex("pay_line_user").on("pay_line").column("user_id").execute();
  await db.schema
    .createTable("equipment_issue")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("returned_on", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("equipment_issue_user").on("equipment_issue").column("user_id").execute();
}
