import type { Tx } from "../db";

/** Stores a content-addressed file once: a second insert of the same hash does nothing. */
export async function insertEvidenceBlob(
  db: Tx,
  blob: { sha256: string; data: Buffer; size: number; mimeType: string },
) {
  await db
    .insertInto("evidenceBlob")
    .values(blob)
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
}

export async function evidenceBlobExists(db: Tx, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("evidenceBlob")
    .select("sha256")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  return row !== undefined;
}

export async function readEvidenceBlob(db: Tx, sha256: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom("evidenceBlob")
    .select("data")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  return row ? Buffer.from(row.data) : null;
}

export async function deleteEvidenceBlob(db: Tx, sha256: string) {
  await db.deleteFrom("evidenceBlob").where("sha256", "=", sha256).execute();
}

/** Whether any evidence row (attached or not) still references the content. */
export async function evidenceHashReferenced(db: Tx, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("evidence")
    .select("id")
    .where("sha256", "=", sha256)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every distinct content the evidence rows reference, with its type, in hash order (for a store migration). */
export function listEvidenceContent(db: Tx): Promise<{ sha256: string; mimeType: string }[]> {
  return db
    .selectFrom("evidence")
    .select(({ fn }) => ["sha256", fn.min<string>("mimeType").as("mimeType")])
    .groupBy("sha256")
    .orderBy("sha256")
    .execute();
}
