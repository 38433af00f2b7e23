import type { Kysely } from "kysely";

/**
 * The record a photo belongs to when it is not a case's (issue 9): a task record, a patrol or a checklist
 * run. Whoever may read that record may open its photos (server/commands/cases/upload-evidence.ts
 * `readEvidence`); before, only the uploader could, so an office could not see an outreach photo.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("evidence").addColumn("subject_type", "text").execute();
  await db.schema.alterTable("evidence").addColumn("subject_id", "text").execute();
}
