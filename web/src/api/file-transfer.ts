import { ApiError } from "./client";

/** File transfer for the API: multipart uploads and downloads (.xlsx), with the same errors as JSON calls. */

const lang = () => (document.documentElement.lang === "en" ? "en" : "zh-CN");

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

async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      ...init,
      credentials: "same-origin",
      headers: { "Accept-Language": lang(), ...(init.headers ?? {}) },
    });
  } catch (err) {
    throw new ApiError(0, "network_error", err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** POSTs a multipart form (file uploads) and returns the JSON answer. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, { method: "POST", body: form, headers: { Accept: "application/json" } });
  return (await res.json()) as T;
}

/** PUTs a multipart form (replacing a file, e.g. an ID photo) and returns the JSON answer. */
export async function putForm<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, { method: "PUT", body: form, headers: { Accept: "application/json" } });
  return (await res.json()) as T;
}

/** The file name from Content-Disposition (RFC 5987 `filename*` first), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** GETs a file (with the session cookie) and hands it to the browser as a download. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await send(path, { method: "GET" });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileNameOf(res.headers.get("content-disposition"), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
