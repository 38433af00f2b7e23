import type { Kysely } from "kysely";

/**
 * Training hours per worker per year (issue 13.6): a worker's own check-ins (`GET /training-hours/mine`)
 * are read by user; the table's only index led with the session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("training_attendance_user")
    .on("training_attendance")
    .columns(["user_id", "training_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("training_attendance_user").execute();
}
