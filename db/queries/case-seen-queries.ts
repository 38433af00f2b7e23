import type { Tx } from "../db";

/** The user opened the case now (the case detail): its marker moves to `at`. */
export async function markCaseSeen(db: Tx, userId: string, caseId: string, at: string) {
  await db
    .insertInto("caseSeen")
    .values({ userId, caseId, seenAt: at })
    .onConflict((oc) => oc.columns(["userId", "caseId"]).doUpdateSet({ seenAt: at }))
    .execute();
}

/** When the user last opened each of these cases (absent: never). */
export async function seenAtOf(db: Tx, userId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("caseSeen")
    .select(["caseId", "seenAt"])
    .where("userId", "=", userId)
    .where("caseId", "in", caseIds)
    .execute();
  return new Map(rows.map((r) => [r.caseId, r.seenAt]));
}
