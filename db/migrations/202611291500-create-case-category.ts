import type { Kysely } from "kysely";

/**
 * Case categories configured for a region (province, city or county prefix): a new category, or an
 * override of a built-in or inherited one (same code). Null fields inherit from the level above; `active`
 * 0 deactivates the category for the region (cases already using it keep it). One row per region and code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_category")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_prefix", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("zh", "text")
    .addColumn("en", "text")
    .addColumn("default_department_kind", "text")
    .addColumn("active", "integer")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("case_category_region_code_uq", ["region_prefix", "code"])
    .execute();
}
