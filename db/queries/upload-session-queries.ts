import type { Tx } from "../db";
import type { UploadSessionTable } from "../schema/upload-tables";

export type UploadSessionRow = UploadSessionTable;

export function insertUploadSession(db: Tx, row: UploadSessionRow) {
  return db.insertInto("uploadSession").values(row).execute();
}

export function findUploadSession(db: Tx, id: string) {
  return db.selectFrom("uploadSession").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The owner's unfinished, unexpired upload of these bytes (resumed instead of started again). */
export function findOpenUpload(db: Tx, ownerId: string, sha256: string, size: number, now: string) {
  return db
    .selectFrom("uploadSession")
    .selectAll()
    .where("ownerId", "=", ownerId)
    .where("sha256", "=", sha256)
    .where("size", "=", size)
    .where("evidenceId", "is", null)
    .where("expiresAt", ">", now)
    .orderBy("received", "desc")
    .orderBy("createdAt")
    .executeTakeFirst();
}

/** How many unfinished, unexpired uploads the owner has open. */
export async function countOpenUploads(db: Tx, ownerId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom("uploadSession")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ownerId", "=", ownerId)
    .where("evidenceId", "is", null)
    .where("expiresAt", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves the offset on from `from` to `to` only if nobody moved it meanwhile (compare and set): false when
 * another request got there first.
 */
export async function advanceUpload(
  db: Tx,
  id: string,
  from: number,
  to: number,
  at: string,
  expiresAt: string,
) {
  const res = await db
    .updateTable("uploadSession")
    .set({ received: to, updatedAt: at, expiresAt })
    .where("id", "=", id)
    .where("received", "=", from)
    .where("evidenceId", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function resetUpload(db: Tx, id: string, at: string) {
  return db.updateTable("uploadSession").set({ received: 0, updatedAt: at }).where("id", "=", id).execute();
}

export function completeUpload(db: Tx, id: string, evidenceId: string, at: string) {
  return db.updateTable("uploadSession").set({ evidenceId, updatedAt: at }).where("id", "=", id).execute();
}

/** Sessions not touched before `now` + their day: the job runner removes them (and their partial files). */
export function listExpiredUploads(db: Tx, now: string, limit = 500) {
  return db
    .selectFrom("uploadSession")
    .select(["id"])
    .where("expiresAt", "<=", now)
    .orderBy("expiresAt")
    .limit(limit)
    .execute();
}

export function deleteUploadSessions(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve();
  return db.deleteFrom("uploadSession").where("id", "in", ids).execute();
}

/** The owner's own evidence rows of these bytes, unattached first (a new upload of them reuses one). */
export function findOwnEvidenceBySha(db: Tx, ownerId: string, sha256: string) {
  return db
    .selectFrom("evidence")
    .selectAll()
    .where("uploadedBy", "=", ownerId)
    .where("sha256", "=", sha256)
    .orderBy("uploadedAt")
    .execute();
}
