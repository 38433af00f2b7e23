import type { Kysely } from "kysely";

/**
 * Public tips (issue 12, R28): the tip (its case, the hash of its tracking code, never an address or a
 * browser), the informant's identity apart from it (sealed with a key outside the database), and the
 * protected thread between the informant and the officials.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tip")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tracking_hash", "text", (c) => c.notNull().unique())
    .addColumn("case_id", "text", (c) => c.notNull().unique())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("happened_at", "text")
    .addColumn("real_name", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tip_informant")
    .addColumn("tip_id", "text", (c) => c.primaryKey())
    .addColumn("sealed", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tip_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tip_id", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("tip_message_tip")
    .on("tip_message")
    .columns(["tip_id", "created_at"])
    .execute();
}
