import type { Kysely } from "kysely";

/**
 * The grid handbook (网格手册, R10, issue 14): each save of a township's or county's own norms is a new
 * version (older ones stay readable). `blocks` is the restricted rich-text structure (headings, paragraphs,
 * lists, bold) parsed from `source` by domain/print/handbook-markup.ts; no HTML is ever stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("handbook_version")
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("blocks", "text", (c) => c.notNull())
    .addColumn("max_pages", "integer", (c) => c.notNull())
    .addColumn("pages", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("handbook_version_pk", ["region_code", "version"])
    .execute();
}
