import type { Kysely } from "kysely";

/**
 * The trail browser filters by person and by event kind (newest first, paged): without these indexes each
 * page would scan the whole trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("event_actor_idx").on("event").columns(["actor_id", "id"]).execute();
  await db.schema.createIndex("event_action_idx").on("event").columns(["action", "id"]).execute();
}
