import type { Kysely } from "kysely";

/**
 * Attendance entered by the organiser (R19, issue 13.6): besides a worker's own check-in by code or location,
 * the session's organiser enters people who attended (method `entered`): who entered them and an optional
 * note (the entry's time is its `received_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("training_attendance").addColumn("entered_by", "text").execute();
  await db.schema.alterTable("training_attendance").addColumn("note", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("training_attendance").dropColumn("note").execute();
  await db.schema.alterTable("training_attendance").dropColumn("entered_by").execute();
}
