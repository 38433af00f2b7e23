import type { Kysely } from "kysely";

/**
 * Scheduled backups: one row per Shanghai calendar day, inserted by the process that claims the day's
 * backup (the primary key makes the claim; with several processes exactly one inserts it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("backup_run")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("detail", "text")
    .execute();
}
