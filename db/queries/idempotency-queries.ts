import type { Tx } from "../db";

export interface StoredResult {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

export async function findIdempotentResult(
  db: Tx,
  actorId: string,
  key: string,
): Promise<StoredResult | null> {
  const row = await db
    .selectFrom("idempotencyKey")
    .select(["requestHash", "statusCode", "response"])
    .where("actorId", "=", actorId)
    .where("key", "=", key)
    .executeTakeFirst();
  return row
    ? { requestHash: row.requestHash, statusCode: row.statusCode, response: JSON.parse(row.response) }
    : null;
}

/**
 * Claims a key inside the caller's transaction before the work is done. On PostgreSQL a concurrent
 * request with the same key blocks here until the first commits, then fails with a unique violation.
 */
export function claimIdempotencyKey(db: Tx, actorId: string, key: string, requestHash: string, at: string) {
  return db
    .insertInto("idempotencyKey")
    .values({ actorId, key, requestHash, statusCode: 0, response: "null", createdAt: at })
    .execute();
}

export function storeIdempotentResult(
  db: Tx,
  actorId: string,
  key: string,
  statusCode: number,
  response: unknown,
) {
  return db
    .updateTable("idempotencyKey")
    .set({ statusCode, response: JSON.stringify(response) })
    .where("actorId", "=", actorId)
    .where("key", "=", key)
    .execute();
}

/** Forgets keys older than `before` (the retention window). */
export async function purgeIdempotencyKeys(db: Tx, before: string): Promise<number> {
  const res = await db.deleteFrom("idempotencyKey").where("createdAt", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}
