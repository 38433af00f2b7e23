import type { Kysely } from "kysely";

/**
 * A grid worker's ID photo for the duty card (明白卡, issue 14): the evidence row holding the picture (kept in the
 * evidence store like every photo, metadata stripped). Null: the card shows an empty frame.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").addColumn("photo_evidence_id", "text").execute();
}
