import type { Kysely } from "kysely";

/**
 * The files of a record looked up by the record (佐证材料 of assessment results, read with the result and
 * in the run's export): without an index on the record's id every such read walked the whole evidence
 * table. The record's kind is the second column (ids are unique across kinds in practice, the kind is
 * checked all the same).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("evidence_subject_idx")
    .on("evidence")
    .columns(["subject_id", "subject_type"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("evidence_subject_idx").execute();
}
