import type { Kysely } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Evidence files kept in the database (SAFEGRID_EVIDENCE_STORE=database, the default with PostgreSQL):
 * one row per content hash, written once, so every process on the database serves every file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("evidence_blob")
    .addColumn("sha256", "text", (c) => c.primaryKey())
    .addColumn("data", isPostgres(db) ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .execute();
}
