import { currentLang, t } from "../i18n/i18n";
import { markExpired, sessionNow } from "../session/session";
import { emitChange } from "../store/changes";
import { kvSet } from "../store/db";

/** The server's error body ({code, message}) or a network failure, as one error type. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** No answer at all (offline, connection dropped, timeout). */
  get network(): boolean {
    return this.status === 0;
  }
}

let clockOffsetMs = 0;
/** Server time minus phone time, from the last answer's Date header (0 until one arrives). */
export const clockOffset = () => clockOffsetMs;

function noteServerTime(res: Response) {
  const date = res.headers.get("date");
  if (!date) return;
  const offset = Date.parse(date) - Date.now();
  if (Number.isFinite(offset) && Math.abs(offset - clockOffsetMs) > 5_000) {
    clockOffsetMs = offset;
    void kvSet("clockOffsetMs", offset);
    emitChange("session");
  }
}
export function restoreClockOffset(ms: number | undefined) {
  if (typeof ms === "number") clockOffsetMs = ms;
}

/**
 * fetch() to /api/v1 with the session's bearer token. Throws ApiError: status 0 when there is no network,
 * else the server's code and Chinese message. A 401 marks the session expired (the outbox pauses).
 */
export async function api(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = sessionNow()?.token;
  if (token && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  headers.set("accept-language", currentLang() === "en" ? "en" : "zh-CN");
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), init.timeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { ...init, headers, signal: ctrl.signal, credentials: "omit" });
  } catch {
    throw new ApiError(0, "network", t("http.network"));
  } finally {
    clearTimeout(timer);
  }
  noteServerTime(res);
  if (res.ok) return res;
  let code = "http_error";
  let message = t("http.status", { status: res.status });
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    code = body.code ?? code;
    message = body.message ?? message;
  } catch {
    // not JSON
  }
  if (res.status === 401 && token) await markExpired();
  throw new ApiError(res.status, code, message);
}

export async function apiJson<T>(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> {
  const res = await api(path, init);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return apiJson<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
