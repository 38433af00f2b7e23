import type { CaseFilter, EvidenceView } from "./cases";
import { queryString } from "./client";
import { downloadFile, postForm } from "./file-transfer";

/** The case API calls that are not JSON: evidence upload (multipart), the .xlsx export, and idempotency keys. */

/** Uploads photos or files (multipart, parts named `file`); answers the stored evidence with hashes. */
export async function uploadEvidence(files: File[]): Promise<EvidenceView[]> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  return (await postForm<{ items: EvidenceView[] }>("/evidence", form)).items;
}

/** Downloads the .xlsx export of a queue with its filters (and the stated reason) under `fileName`. */
export function downloadCasesExport(filter: CaseFilter, fileName: string, reason?: string): Promise<void> {
  const { page: _p, pageSize: _s, ...rest } = filter;
  return downloadFile(`/cases/export.xlsx${queryString({ ...rest, reason })}`, fileName);
}

/** A client-generated idempotency key (UUID v4). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
