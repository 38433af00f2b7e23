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

/** Maps every error to `{ code, message }` with a stable code; unexpected errors are logged and answered 500. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) return sendError(req, reply, error);
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
