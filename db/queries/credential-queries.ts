import type { Tx } from "../db";

/** The last `n` password hashes a user had before the current one, newest first. */
export async function recentPasswordHashes(db: Tx, userId: string, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom("passwordHistory")
    .select("passwordHash")
    .where("userId", "=", userId)
    .orderBy("id", "desc")
    .limit(n)
    .execute();
  return rows.map((r) => r.passwordHash);
}

/** Keeps a replaced password's hash, and only the newest `keep` of them. */
export async function pushPasswordHistory(
  db: Tx,
  userId: string,
  passwordHash: string,
  at: string,
  keep: number,
) {
  await db.insertInto("passwordHistory").values({ userId, passwordHash, createdAt: at }).execute();
  const kept = db
    .selectFrom("passwordHistory")
    .select("id")
    .where("userId", "=", userId)
    .orderBy("id", "desc")
    .limit(keep);
  await db.deleteFrom("passwordHistory").where("userId", "=", userId).where("id", "not in", kept).execute();
}

export async function replaceRecoveryCodes(db: Tx, userId: string, hashes: string[]) {
  await db.deleteFrom("recoveryCode").where("userId", "=", userId).execute();
  if (hashes.length)
    await db
      .insertInto("recoveryCode")
      .values(hashes.map((codeHash) => ({ userId, codeHash, usedAt: null })))
      .execute();
}

/** Uses up an unused recovery code; false when it does not exist or was used (also in parallel). */
export async function consumeRecoveryCode(db: Tx, userId: string, codeHash: string, at: string) {
  const res = await db
    .updateTable("recoveryCode")
    .set({ usedAt: at })
    .where("userId", "=", userId)
    .where("codeHash", "=", codeHash)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Tx, userId: string) {
  const row = await db
    .selectFrom("recoveryCode")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("usedAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Accepts a TOTP time step once: false when this step (or a later one) was already used. */
export async function acceptTotpStep(db: Tx, userId: string, step: number) {
  const res = await db
    .updateTable("appUser")
    .set({ totpLastStep: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totpLastStep", "is", null), eb("totpLastStep", "<", step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
