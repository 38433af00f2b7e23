import type { Kysely } from "kysely";

/**
 * Resumable uploads (issue 9): one row per file the phone is sending in pieces. The bytes received so
 * far lie in `<dataDir>/uploads/<id>.part` whatever evidence store is configured; on completion they go
 * through the evidence upload and `evidence_id` is set. Stale sessions are removed by the job runner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("upload_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("received", "integer", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("evidence_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("upload_session_owner_sha")
    .on("upload_session")
    .columns(["owner_id", "sha256"])
    .execute();
  await db.schema.createIndex("upload_session_expiry").on("upload_session").column("expires_at").execute();
}
