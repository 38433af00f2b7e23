import { type FieldFlag, fieldFlagLabel } from "../../../../domain/schemas/field-flags";
import { ApiError, api } from "../api/http";
import { refreshList } from "../hooks/use-cached-list";
import { sessionNow } from "../session/session";
import { emitChange } from "../store/changes";
import { fieldDb, type OutboxItem } from "../store/db";
import { refreshWorkSet } from "../work-set/work-set";
import { explainFailure } from "./error-text";
import { listOutbox, updateItem } from "./outbox";
import { uploadFile } from "./upload";

let running: Promise<void> | undefined;
let backoffMs = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
const maxBackoffMs = 5 * 60_000;

export type SyncState = "idle" | "sending" | "offline" | "paused";
let state: SyncState = "idle";
export const syncState = () => state;
function setState(s: SyncState) {
  state = s;
  emitChange("outbox");
}

/** Appends `value` to the array at a dotted path of `body` ("answers.3.evidenceIds"), making it if absent. */
function pushAt(body: Record<string, unknown>, path: string, value: string) {
  const keys = path.split(".");
  let at = body as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    at[k] ??= {};
    at = at[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  at[last] = [...((at[last] as string[] | undefined) ?? []), value];
}

/** Sends one item: its photos first, then the item with their evidence ids. */
async function sendItem(item: OutboxItem): Promise<Record<string, unknown>> {
  const db = await fieldDb();
  const evidenceIds: string[] = [];
  const body: Record<string, unknown> = structuredClone({ ...item.body, [item.idField]: item.id });
  for (const [i, fileId] of item.fileIds.entries()) {
    const file = await db.get("files", fileId);
    if (!file) throw new ApiError(422, "file_missing", "照片在手机上已丢失，请删除此项后重新填写");
    const evidenceId = await uploadFile(file);
    const target = item.fileTargets?.[i];
    if (target) pushAt(body, target, evidenceId);
    else evidenceIds.push(evidenceId);
  }
  if (evidenceIds.length || "evidenceIds" in item.body)
    body.evidenceIds = [...((item.body.evidenceIds as string[] | undefined) ?? []), ...evidenceIds];
  const res = await api(item.url, {
    method: item.method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    timeoutMs: 60_000,
  });
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

/** The server's flags on a field record (far from the site, clock off, …) in plain Chinese. */
function flagNote(result: Record<string, unknown>): string | undefined {
  const flags = Array.isArray(result.flags) ? (result.flags as FieldFlag[]) : [];
  const labels = flags.map((f) => fieldFlagLabel[f]?.zh ?? f);
  const distance = typeof result.distanceM === "number" ? `距场所 ${Math.round(result.distanceM)} 米；` : "";
  return labels.length ? `${distance}已标记：${labels.join("、")}` : undefined;
}

/** Network trouble, server busy or down: try again later, keep the item waiting. */
const transient = (err: ApiError) => err.network || err.status === 429 || err.status >= 500;

/** The photos of a sent item are on the server now: the phone keeps no copy (offline data is the minimum). */
async function dropFiles(item: OutboxItem) {
  const db = await fieldDb();
  const tx = db.transaction("files", "readwrite");
  await Promise.all(item.fileIds.map((id) => tx.store.delete(id)));
  await tx.done;
}

/** After something was sent: my reports' stages and my patrol list changed on the server. */
function refreshAfterSend() {
  void refreshWorkSet().catch(() => undefined);
  void refreshList("patrols", "/patrols/mine").catch(() => undefined);
}

async function drainOnce(): Promise<void> {
  let sent = 0;
  try {
    await drainItems(() => sent++);
  } finally {
    if (sent) refreshAfterSend();
  }
}

async function drainItems(onSent: () => void): Promise<void> {
  const session = sessionNow();
  if (!session || session.expired) return setState("paused");
  if (!navigator.onLine) return setState("offline");
  setState("sending");
  for (const item of await listOutbox()) {
    if (item.status === "sent" || item.status === "failed") continue;
    await updateItem(item.id, { status: "sending", attempts: item.attempts + 1 });
    try {
      const result = await sendItem(item);
      await updateItem(item.id, {
        status: "sent",
        sentAt: new Date().toISOString(),
        result,
        reason: undefined,
        ...(flagNote(result) ? { note: flagNote(result) } : {}),
      });
      await dropFiles(item);
      onSent();
      backoffMs = 0;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "network", String(err));
      if (e.status === 401) {
        await updateItem(item.id, { status: "waiting", reason: "登录已过期：请重新登录，之后自动继续发送" });
        return setState("paused");
      }
      if (transient(e)) {
        await updateItem(item.id, { status: "waiting", reason: explainFailure(e) });
        backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : 5_000);
        schedule(backoffMs);
        return setState(e.network ? "offline" : "idle");
      }
      if (item.fallbackBody && e.status >= 400 && e.status < 500 && /场所/.test(e.message)) {
        // The site was deleted or reassigned while offline: send it once more by location.
        await updateItem(item.id, {
          status: "waiting",
          body: item.fallbackBody,
          fallbackBody: undefined,
          note: `原场所已删除或调整（${e.message}），已改为按位置上报`,
        });
        return drainItems(onSent);
      }
      await updateItem(item.id, { status: "failed", reason: explainFailure(e) });
    }
  }
  setState("idle");
}

/** Sends every waiting item, oldest first (one drain at a time). */
export function drain(): Promise<void> {
  running ??= drainOnce().finally(() => {
    running = undefined;
  });
  return running;
}

function schedule(ms: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void drain(), ms);
}

/** Puts a failed item back in the queue and sends now. */
export async function retry(id: string): Promise<void> {
  await updateItem(id, { status: "waiting", reason: undefined });
  backoffMs = 0;
  await drain();
}

/** Starts syncing: now, when the network returns, when an item is queued, and every 30 s. */
export function startSync(): void {
  const kick = () => {
    backoffMs = 0;
    void drain();
  };
  window.addEventListener("online", kick);
  window.addEventListener("offline", () => setState("offline"));
  window.addEventListener("safegrid-outbox", kick);
  setInterval(() => void drain(), 30_000);
  // Items marked "sending" by a page that was closed mid-send go back to waiting.
  void listOutbox()
    .then((items) =>
      Promise.all(
        items.filter((i) => i.status === "sending").map((i) => updateItem(i.id, { status: "waiting" })),
      ),
    )
    .then(kick);
}
