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

export function recordLoginFailure(db: Tx, username: string, at: string, ip: string | null) {
  return db.insertInto("loginFailure").values({ username, at, ip }).execute();
}

export async function loginFailuresSince(db: Tx, username: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom("loginFailure")
    .select("at")
    .where("username", "=", username)
    .where("at", ">", since)
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}

export function clearLoginFailures(db: Tx, username: string) {
  return db.deleteFrom("loginFailure").where("username", "=", username).execute();
}
