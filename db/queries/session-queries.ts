import { firstCompiled } from "../compiled-queries";
import type { Tx } from "../db";
import type { SessionTable } from "../schema/core-tables";

export function insertSession(db: Tx, row: SessionTable) {
  return db.insertInto("session").values(row).execute();
}

export function touchSession(db: Tx, id: string, at: string) {
  return db.updateTable("session").set({ lastSeenAt: at }).where("id", "=", id).execute();
}

export function deleteSession(db: Tx, id: string) {
  return db.deleteFrom("session").where("id", "=", id).execute();
}

export function deleteUserSessions(db: Tx, userId: string) {
  return db.deleteFrom("session").where("userId", "=", userId).execute();
}

/** A user's sessions, newest first. */
export function listUserSessions(db: Tx, userId: string) {
  return db
    .selectFrom("session")
    .select(["id", "kind", "createdAt", "lastSeenAt", "expiresAt", "ip", "stage"])
    .where("userId", "=", userId)
    .orderBy("createdAt", "desc")
    .execute();
}

/** Ends one session of a user; false when the user has no such session. */
export async function deleteUserSession(db: Tx, userId: string, id: string) {
  const res = await db
    .deleteFrom("session")
    .where("userId", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Promotes a half-authenticated session (second factor done), with its full lifetime. */
export function completeSession(db: Tx, id: string, expiresAt: string) {
  return db.updateTable("session").set({ stage: "full", expiresAt }).where("id", "=", id).execute();
}

/** Ends every session of a user except `keep` (after a password change). */
export function deleteOtherSessions(db: Tx, userId: string, keep: string) {
  return db.deleteFrom("session").where("userId", "=", userId).where("id", "!=", keep).execute();
}
