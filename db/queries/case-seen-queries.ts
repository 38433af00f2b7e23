import type { Tx } from "../db";
import { type DeferredWrites, deferred } from "../tx-deferred";

/**
 * The user opened the case now (the case detail) or changed it: its marker moves to `at`. In a group
 * commit that defers its writes (db/tx-deferred.ts) the markers wait for the batch's one statement.
 */
export async function markCaseSeen(db: Tx, userId: string, caseId: string, at: string) {
  const later = deferred(db, "case_seen", () => new SeenWrites());
  if (later) later.add(userId, caseId, at);
  else await upsertSeen(db, [{ userId, caseId, seenAt: at }]);
}

type SeenRow = { userId: string; caseId: string; seenAt: string };

function upsertSeen(db: Tx, rows: SeenRow[]) {
  return db
    .insertInto("caseSeen")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["userId", "caseId"]).doUpdateSet((eb) => ({ seenAt: eb.ref("excluded.seenAt") })),
    )
    .execute();
}

/** A group commit's seen markers: the latest per user and case (what writing them in turn would leave). */
class SeenWrites implements DeferredWrites {
  private rows = new Map<string, SeenRow>();
  add(userId: string, caseId: string, seenAt: string) {
    this.rows.set(`${userId}|${caseId}`, { userId, caseId, seenAt });
  }
  async flush(tx: Tx) {
    const rows = [...this.rows.values()];
    for (let i = 0; i < rows.length; i += 500) await upsertSeen(tx, rows.slice(i, i + 500));
  }
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
