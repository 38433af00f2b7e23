import type { Kysely } from "kysely";

/** Anchors: the hash of the trail's head, recorded after commit by the anchor job (reads the event outbox). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("trail_anchor")
    .addColumn("event_id", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
}
