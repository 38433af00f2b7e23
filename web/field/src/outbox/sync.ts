import { type FieldFlag, fieldFlagLabel } from "../../../../domain/schemas/field-flags";
import { ApiError, api } from "../api/http";
import { refreshList } from "../hooks/use-cached-list";
import { pick, t } from "../i18n/i18n";
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
    if (!file) throw new ApiError(422, "file_missing", t("outbox.err.fileMissing"));
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
  const labels = flags.map((f) => pick(fieldFlagLabel[f], f));
  const distance =
    typeof result.distanceM === "number"
      ? t("outbox.note.distance", { m: Math.round(result.distanceM) })
      : "";
  return labels.length
    ? t("outbox.note.flagged", { distance, flags: labels.join(t("common.listSep")) })
    : undefined;
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

/** Items sent at once: on a slow link round trips (400 ms each) overlap instead of adding up. */
const lanes = 4;

type Outcome = "sent" | "failed" | "paused" | "offline" | "idle";

/** Sends one item and records what happened; "paused"/"offline"/"idle" stop the drain (try later). */
async function sendOne(item: OutboxItem, onSent: () => void): Promise<Outcome> {
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
    return "sent";
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(0, "network", String(err));
    if (e.status === 401) {
      await updateItem(item.id, { status: "waiting", reason: t("outbox.err.expired") });
      return "paused";
    }
    if (transient(e)) {
      await updateItem(item.id, { status: "waiting", reason: explainFailure(e) });
      backoffMs = Math.min(maxBackoffMs, backoffMs ? backoffMs * 2 : 5_000);
      schedule(backoffMs);
      return e.network ? "offline" : "idle";
    }
    if (item.fallbackBody && e.status >= 400 && e.status < 500 && /场所|site/i.test(e.message)) {
      // The site was deleted or reassigned while offline: send it once more by location.
      const note = t("outbox.note.fallback", { message: e.message });
      const changes = { status: "waiting" as const, body: item.fallbackBody, fallbackBody: undefined, note };
      await updateItem(item.id, changes);
      return sendOne({ ...item, ...changes, attempts: item.attempts + 1 }, onSent);
    }
    await updateItem(item.id, { status: "failed", reason: explainFailure(e) });
    return "failed";
  }
}

/** Whether `item` names an earlier item still unsent (e.g. a checklist's report names its run): it waits. */
function waitsFor(item: OutboxItem, earlier: OutboxItem[], finished: Set<string>): boolean {
  const text = item.url + JSON.stringify(item.body);
  return earlier.some((o) => !finished.has(o.id) && text.includes(o.id));
}

/**
 * Sends the waiting items oldest first, `lanes` at a time; an item that names an earlier unsent one is
 * sent after it. Signed out (401), offline or a busy server stops the drain: the items in flight finish,
 * the rest wait for the next drain (backoff).
 */
async function drainItems(onSent: () => void): Promise<void> {
  const session = sessionNow();
  if (!session || session.expired) return setState("paused");
  if (!navigator.onLine) return setState("offline");
  setState("sending");
  const items = (await listOutbox()).filter((i) => i.status !== "sent" && i.status !== "failed");
  const started = new Set<string>();
  const finished = new Set<string>();
  let stop: Outcome | undefined;
  const next = () => items.find((it, i) => !started.has(it.id) && !waitsFor(it, items.slice(0, i), finished));
  const lane = async () => {
    for (let item = next(); item && !stop; item = next()) {
      started.add(item.id);
      const outcome = await sendOne(item, onSent);
      finished.add(item.id);
      if (outcome === "paused" || outcome === "offline" || outcome === "idle") stop ??= outcome;
    }
  };
  // A lane that finds only items waiting for one in flight ends; the lane sending that one goes on to them.
  await Promise.all(Array.from({ length: lanes }, lane));
  setState(stop === "paused" || stop === "offline" || stop === "idle" ? stop : "idle");
}

/** Sends every waiting item, oldest first, a few at a time (one drain at a time). */
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
