import { api } from "../api/http";
import { listOutbox } from "../outbox/outbox";
import { emitChange } from "../store/changes";
import { fieldDb } from "../store/db";
import { saveSession } from "./session";

/**
 * Signs out. With unsent items the caller has asked first: only the session goes, the outbox and its
 * photos stay (they are sent after the next sign-in). With an empty outbox every offline datum is cleared.
 */
export async function signOut(): Promise<"cleared" | "kept"> {
  await api("/auth/logout", { method: "POST", timeoutMs: 5_000 }).catch(() => undefined);
  const unsent = (await listOutbox()).filter((i) => i.status !== "sent").length;
  const db = await fieldDb();
  if (unsent) {
    await saveSession(undefined);
    return "kept";
  }
  const tx = db.transaction(["kv", "outbox", "files"], "readwrite");
  await Promise.all([
    tx.objectStore("kv").clear(),
    tx.objectStore("outbox").clear(),
    tx.objectStore("files").clear(),
  ]);
  await tx.done;
  await saveSession(undefined);
  emitChange("work-set");
  emitChange("outbox");
  emitChange("lists");
  return "cleared";
}
