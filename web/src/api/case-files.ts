import type { CaseFilter, EvidenceView } from "./cases";
import { ApiError, queryString } from "./client";

/** The case API calls that are not JSON: evidence upload (multipart), the .xlsx export, and idempotency keys. */
async function failure(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON
  }
  return new ApiError(
    res.status,
    typeof body.code === "string" ? body.code : `http_${res.status}`,
    typeof body.message === "string" ? body.message : res.statusText || `HTTP ${res.status}`,
    body.details,
  );
}

function languageHeader(): string {
  return document.documentElement.lang === "en" ? "en" : "zh-CN";
}

/** Uploads photos or files (multipart, parts named `file`); answers the stored evidence with hashes. */
export async function uploadEvidence(files: File[]): Promise<EvidenceView[]> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  let res: Response;
  try {
    res = await fetch("/api/v1/evidence", {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { Accept: "application/json", "Accept-Language": languageHeader() },
    });
  } catch (err) {
    throw new ApiError(0, "network_error", err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await failure(res);
  return ((await res.json()) as { items: EvidenceView[] }).items;
}

/** Downloads the .xlsx export of a queue with its filters and saves it under `fileName`. */
export async function downloadCasesExport(filter: CaseFilter, fileName: string): Promise<void> {
  const { page: _p, pageSize: _s, ...rest } = filter;
  let res: Response;
  try {
    res = await fetch(`/api/v1/cases/export.xlsx${queryString({ ...rest })}`, {
      credentials: "same-origin",
      headers: { "Accept-Language": languageHeader() },
    });
  } catch (err) {
    throw new ApiError(0, "network_error", err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
