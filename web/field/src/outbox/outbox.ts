import type { PreparedPhoto } from "../photos/prepare-photo";
import { emitChange, useTopic } from "../store/changes";
import { fieldDb, type OutboxItem, type StoredFile } from "../store/db";
import { newId } from "./ids";

export interface EnqueueInput {
  /** What it is: "report", "check-in", "checklist-run", "delivery-record", … (free text, shown nowhere). */
  kind: string;
  /** One line the worker recognises in the outbox. */
  label: string;
  /** API path under /api/v1 ("/cases", "/patrols", …). */
  url: string;
  method?: "POST" | "PUT";
  /** The body without the client id and without the photos' evidence ids (both are added when sent). */
  body: Record<string, unknown>;
  /** Sent instead once if the server answers that the site is gone (deleted or reassigned while offline). */
  fallbackBody?: Record<string, unknown>;
  /** "id" (field routes, the default) or "idempotencyKey" (POST /cases). */
  idField?: "id" | "idempotencyKey";
  /** Photos from <PhotoInput>: uploaded first; the item is sent only when all have arrived. */
  files?: PreparedPhoto[];
  /** Per photo, the array in the body its evidence id goes to (see OutboxItem.fileTargets). */
  fileTargets?: (string | null)[];
  /** Give an id when the screen made one already (e.g. to show it); else one is made here. */
  id?: string;
}

/**
 * Puts one thing done on the phone into the IndexedDB outbox (with its photos, in one transaction) and
 * asks the sync to send it. Throws the browser's QuotaExceededError when the phone is full (nothing is
 * half-saved then; the screen keeps the form). Returns the item id.
 */
export async function enqueue(input: EnqueueInput): Promise<string> {
  const id = input.id ?? newId();
  const db = await fieldDb();
  const files: StoredFile[] = (input.files ?? []).map((p) => ({
    id: newId(),
    itemId: id,
    blob: p.blob,
    name: p.name,
    type: p.blob.type || "image/jpeg",
    size: p.blob.size,
    sha256: p.sha256,
    exif: p.exif,
    ...(p.compact ? { compact: p.compact } : {}),
  }));
  const item: OutboxItem = {
    id,
    kind: input.kind,
    label: input.label,
    method: input.method ?? "POST",
    url: input.url,
    body: input.body,
    fallbackBody: input.fallbackBody,
    idField: input.idField ?? "id",
    fileIds: files.map((f) => f.id),
    ...(input.fileTargets ? { fileTargets: input.fileTargets } : {}),
    status: "waiting",
    attempts: 0,
    createdAt: new Date().toISOString(),
  };
  const tx = db.transaction(["outbox", "files"], "readwrite");
  await Promise.all([
    tx.objectStore("outbox").put(item),
    ...files.map((f) => tx.objectStore("files").put(f)),
  ]);
  await tx.done;
  emitChange("outbox");
  window.dispatchEvent(new Event("safegrid-outbox"));
  return id;
}

/** Every outbox item, oldest first. */
export async function listOutbox(): Promise<OutboxItem[]> {
  return (await fieldDb()).getAllFromIndex("outbox", "createdAt");
}

export const isUnsent = (i: OutboxItem) => i.status !== "sent";

export async function updateItem(id: string, change: Partial<OutboxItem>): Promise<void> {
  const db = await fieldDb();
  const item = await db.get("outbox", id);
  if (!item) return;
  await db.put("outbox", { ...item, ...change });
  emitChange("outbox");
}

/** Removes an item and its photos (the worker chose to drop a failed item). */
export async function removeItem(id: string): Promise<void> {
  const db = await fieldDb();
  const tx = db.transaction(["outbox", "files"], "readwrite");
  const fileKeys = await tx.objectStore("files").index("itemId").getAllKeys(id);
  await Promise.all([
    tx.objectStore("outbox").delete(id),
    ...fileKeys.map((k) => tx.objectStore("files").delete(k)),
  ]);
  await tx.done;
  emitChange("outbox");
}

export function useOutbox(): OutboxItem[] {
  return useTopic("outbox", listOutbox, []);
}

/** The case an item made, when the server answered with one ({ case: { id, number } }). */
export function caseOf(item: OutboxItem): { id: string; number: string } | undefined {
  const c = (item.result as { case?: { id?: unknown; number?: unknown } } | undefined)?.case;
  return typeof c?.id === "string" ? { id: c.id, number: String(c.number ?? "") } : undefined;
}
