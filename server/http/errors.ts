import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../../domain/errors";

/** English when the client asks for it (Accept-Language: en...), Chinese otherwise. */
export function wantsEnglish(req: FastifyRequest): boolean {
  const header = req.headers["accept-language"];
  return typeof header === "string" && /^\s*en\b/i.test(header);
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const body: Record<string, unknown> = { code: err.code, message: wantsEnglish(req) ? err.en : err.zh };
  if (err.details !== undefined) body.details = err.details;
  // 423 (locked) and 429 (rate limited) say when to come back.
  const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retry === "number") reply.header("retry-after", String(retry));
  return reply.status(err.status).send(body);
}

const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_VALIDATION: "validation_failed",
};

/** SQLSTATE classes and codes meaning "the database cannot serve this now", not "this request is wrong". */
const unavailableSqlStates = new Set([
  "57P01", // admin_shutdown: the server restarted or pg_terminate_backend ended the session
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
  "53300", // too_many_connections
  "53400", // configuration_limit_exceeded
]);
const unavailableNodeCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** What node-postgres says (without a code) when a connection breaks or cannot be had in time. */
const unavailableMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;
const storageFullCodes = new Set(["SQLITE_FULL", "ENOSPC", "EDQUOT", "53100"]);

/** The error and its causes (a driver's error may be wrapped). */
function causes(err: unknown): { code?: string; message?: string }[] {
  const chain: { code?: string; message?: string }[] = [];
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    e && chain.length < 5;
  ) {
    chain.push({ code: typeof e.code === "string" ? e.code : undefined, message: String(e.message ?? "") });
    e = e.cause as typeof e;
  }
  return chain;
}

/**
 * Maps a driver's or the file system's error to what the client should hear: 507 `storage_full` for a
 * full disk (SQLITE_FULL, ENOSPC, PostgreSQL 53100), 503 `database_unavailable` when the database is
 * down, restarting, unreachable or stalled (57P01/57P02/57P03, class 08, 57014 statement timeout, 55P03
 * lock timeout, ECONNREFUSED…, SQLITE_BUSY/LOCKED). Anything else (a constraint, a syntax error, a bug)
 * is not mapped: it stays a logged 500.
 */
export function infrastructureError(err: unknown): AppError | null {
  for (const { code, message } of causes(err)) {
    if (code && storageFullCodes.has(code)) return new AppError("storage_full");
    if (
      code &&
      (unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code) || unavailableNodeCodes.has(code))
    )
      return new AppError("database_unavailable");
    if (code && /^SQLITE_(BUSY|LOCKED)/.test(code)) return new AppError("database_unavailable");
    if (!code && message && unavailableMessages.test(message)) return new AppError("database_unavailable");
  }
  return null;
}

/** Answers an infrastructure failure: the real cause is logged, the client gets the stable code. */
function sendInfrastructureError(
  req: FastifyRequest,
  reply: FastifyReply,
  mapped: AppError,
  cause: unknown,
  retryAfterSeconds: number,
) {
  const code = causes(cause).find((c) => c.code)?.code ?? "";
  if (mapped.code === "storage_full") req.log.error({ err: cause, cause: code }, `storage full (${code})`);
  else req.log.warn({ err: cause, cause: code }, `database unavailable (${code || "connection"})`);
  if (mapped.status === 503) reply.header("retry-after", String(retryAfterSeconds));
  return sendError(req, reply, mapped);
}

/** Maps every error to `{ code, message }` with a stable code; unexpected errors are logged and answered 500. */
export function registerErrorHandling(app: FastifyInstance, opts: { retryAfterSeconds?: number } = {}) {
  const retryAfterSeconds = opts.retryAfterSeconds ?? 5;
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) {
      // A store that failed (evidence_store_unavailable) keeps the real cause for the log.
      if (error.status >= 500 && error.cause) req.log.warn({ err: error.cause }, `${error.code}`);
      if (error.status === 503) reply.header("retry-after", String(retryAfterSeconds));
      return sendError(req, reply, error);
    }
    const mapped = infrastructureError(error);
    if (mapped) return sendInfrastructureError(req, reply, mapped, error, retryAfterSeconds);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? ""}${v.instancePath}`.replace(/\//g, "."),
        message: v.message,
      }));
      const first = issues[0];
      return sendError(
        req,
        reply,
        new AppError("validation_failed", {
          zh: `输入数据校验未通过：${first ? `${first.path} ${first.message}` : ""}`.trim(),
          en: `Input validation failed: ${first ? `${first.path} ${first.message}` : ""}`.trim(),
          details: { issues },
        }),
      );
    }
    if (error instanceof SyntaxError || (error.code && fastifyCodes[error.code])) {
      const code = error.code ? (fastifyCodes[error.code] ?? "invalid_json") : "invalid_json";
      return sendError(req, reply, new AppError(code));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(req, reply, new AppError("bad_request", { status: error.statusCode }));
    }
    // Fail secure and leak nothing: no message, stack or SQL; the correlation id finds the log line.
    req.log.error({ err: error }, "unexpected error");
    return sendError(req, reply, new AppError("internal", { details: { correlationId: req.id } }));
  });
}
