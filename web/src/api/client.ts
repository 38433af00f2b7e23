/** A failed API call: the HTTP status and the server's stable error code, message and details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type ApiLanguage = "zh" | "en";

let language: ApiLanguage = "zh";
let onUnauthorized: (error: ApiError) => void = () => {
  if (window.location.pathname !== "/login") window.location.assign("/login");
};

/** Language sent as Accept-Language so server messages come back in the user's language. */
export function setApiLanguage(lang: ApiLanguage): void {
  language = lang;
}

/** What to do when a call answers 401 (the app clears its session and shows the login page). */
export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

const API_BASE = "/api/v1";

/** Builds `?a=1&b=x`, leaving out empty, null and undefined values. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function parseError(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON (proxy error page, empty body): fall back to the status text
  }
  const code = typeof body.code === "string" ? body.code : `http_${res.status}`;
  const message = typeof body.message === "string" ? body.message : res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, code, message, body.details);
}

/** Sends one JSON request to /api/v1 and returns the parsed body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": language === "en" ? "en" : "zh-CN",
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, "network_error", err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && path !== "/auth/login") onUnauthorized(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** Field errors of a 422 validation_failed answer, as `{ path: ["scope", 0], message }`. */
export function validationIssues(error: unknown): { path: (string | number)[]; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue) => {
    if (!issue || typeof issue !== "object") return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const parts = Array.isArray(path)
      ? path.filter((p): p is string | number => typeof p === "string" || typeof p === "number")
      : typeof path === "string"
        ? path.split(".").filter(Boolean)
        : [];
    return [{ path: parts, message }];
  });
}
