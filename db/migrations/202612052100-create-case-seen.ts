import type { Kysely } from "kysely";

/**
 * What each user has seen (issue 13.1): when they last opened each case. A case is new to a user without a
 * row, changed when its `updated_at` is later than `seen_at`; lists mark both until the case is opened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_seen")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_seen_pk", ["user_id", "case_id"])
    .execute();
}
