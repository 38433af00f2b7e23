import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { t } from "../i18n/i18n";

/** One thing done on the phone, waiting to be sent (or already sent / failed): see outbox/outbox.ts. */
export interface OutboxItem {
  /** Client-made UUID: the record's `id` (or the case's `idempotencyKey`) on the server. */
  id: string;
  kind: string;
  /** What the worker sees in the outbox list, e.g. "上报：消防通道堵塞". */
  label: string;
  method: "POST" | "PUT";
  /** API path under /api/v1, e.g. "/cases". */
  url: string;
  body: Record<string, unknown>;
  /** Body field that gets the client id ("id" for field routes, "idempotencyKey" for POST /cases). */
  idField: "id" | "idempotencyKey";
  /** Sent instead of `body` once when the server says the site is gone (e.g. a report by location). */
  fallbackBody?: Record<string, unknown>;
  /** Ids in the `files` store, uploaded before the item; their evidence ids go into `body.evidenceIds`. */
  fileIds: string[];
  /**
   * Where each file's evidence id goes, aligned with `fileIds`: a dotted path to an array in the body
   * (e.g. "answers.3.evidenceIds" for a checklist item's photo); none or null: `body.evidenceIds`.
   */
  fileTargets?: (string | null)[];
  status: "waiting" | "sending" | "sent" | "failed";
  attempts: number;
  /** Why it failed or waits, in plain Chinese. */
  reason?: string;
  /** What the app changed on its own, kept after sending (e.g. "sent by location: the site is gone"). */
  note?: string;
  createdAt: string;
  sentAt?: string;
  /** The server's answer when sent (e.g. the case id and number). */
  result?: Record<string, unknown>;
}

/** A compressed photo (no EXIF) kept until its item is sent. */
export interface StoredFile {
  id: string;
  itemId: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** What EXIF said before it was stripped: kept for the record. */
  exif?: { lat?: number; lng?: number; takenAt?: string };
  uploadId?: string;
  offset?: number;
  evidenceId?: string;
  /** The compact copy made at capture, sent instead on a slow link (photos/compact-photo.ts). */
  compact?: { blob: Blob; name: string; sha256: string };
  /** Set when the photo was re-encoded small for a slow link before its upload (photos/compact-photo.ts). */
  compacted?: { fromBytes: number; fromSha256: string };
}

interface FieldDb extends DBSchema {
  kv: { key: string; value: unknown };
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: string } };
  files: { key: string; value: StoredFile; indexes: { itemId: string } };
}

let dbPromise: Promise<IDBPDatabase<FieldDb>> | undefined;

/** The app's IndexedDB: `kv` (session, work set, cached lists), `outbox`, `files`. */
export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  dbPromise ??= openDB<FieldDb>("safegrid-field", 1, {
    upgrade(db) {
      db.createObjectStore("kv");
      db.createObjectStore("outbox", { keyPath: "id" }).createIndex("createdAt", "createdAt");
      db.createObjectStore("files", { keyPath: "id" }).createIndex("itemId", "itemId");
    },
  });
  return dbPromise;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await fieldDb()).get("kv", key)) as T | undefined;
}
export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await fieldDb()).put("kv", value, key);
}
export async function kvDelete(key: string): Promise<void> {
  await (await fieldDb()).delete("kv", key);
}

/** True for the browser's "storage full" error (IndexedDB or Cache API). */
export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? "";
  const inner = (err as { inner?: { name?: string } })?.inner?.name ?? "";
  return name === "QuotaExceededError" || inner === "QuotaExceededError";
}

/** The "phone storage full" message, in the current language (a getter: the language can change). */
export const quotaText = () => t("common.quotaFull");
