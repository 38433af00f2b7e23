import type { Kysely } from "kysely";

/**
 * Issue 11 (R6): the province office's own industry synonyms (加油站 → 5265 are built in, in
 * domain/site/industry-synonyms.ts), the column mapping each county's site ledger was last imported with,
 * and the site's 法定代表人 (legal representative), which county ledgers keep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("industry_synonym")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("kind", "text")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("industry_synonym_term_code", ["region_code", "term", "code"])
    .execute();
  await db.schema
    .createTable("import_mapping")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_mapping_pk", ["region_code", "kind"])
    .execute();
  await db.schema.alterTable("site").addColumn("legal_representative", "text").execute();
}
