import { jsonSchemaTransform } from "fastify-type-provider-zod";
import type { RouteAccess } from "./auth-hook";

type Transform = typeof jsonSchemaTransform;
type TransformInput = Parameters<Transform>[0];

const errorSchema = (description: string) => ({
  description,
  type: "object",
  properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
  required: ["code", "message"],
});

const withBody = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The error answers the edge can give on a route, whatever the route itself does: malformed text or
 * input too complex anywhere (422), malformed requests (400); on routes with a path id an unknown or
 * out-of-scope row (404, the platform's one rule for both) or an over-long segment (414); and for
 * routes that take a body a too-large body (413) or an unsupported content type (415); signed-in routes
 * also answer 401 and 403 (the route's gate, or the CSRF check on cookie-authenticated writes).
 */
export function edgeErrorResponses(method: string, access: string | undefined, hasPathParams: boolean) {
  const out: Record<string, ReturnType<typeof errorSchema>> = {
    400: errorSchema("bad_request · invalid_json · malformed_multipart"),
    422: errorSchema("validation_failed · malformed_text · input_too_complex"),
  };
  if (hasPathParams) {
    out[404] = errorSchema("not_found: no such row, or out of your jurisdiction (both read the same)");
    out[414] = errorSchema("bad_request (path segment too long)");
  }
  if (withBody.has(method)) {
    out[413] = errorSchema("payload_too_large");
    out[415] = errorSchema("unsupported_media_type");
    out[403] = errorSchema("csrf_rejected");
  }
  if (access === "signed_in") {
    out[401] = errorSchema("unauthenticated · session_expired");
    out[403] = errorSchema(withBody.has(method) ? "forbidden · csrf_rejected" : "forbidden");
  }
  return out;
}

/**
 * `jsonSchemaTransform`, then every route's documented responses completed with the edge's error answers
 * (a route's own documented codes stay as they are).
 */
export const documentedErrorsTransform: Transform = (input: TransformInput) => {
  const out = jsonSchemaTransform(input);
  const route = (input as { route?: { method: string | string[]; config?: RouteAccess } }).route;
  if (!route || !input.url.startsWith("/api/v1/")) return out;
  const method = [route.method].flat()[0] ?? "GET";
  const schema = out.schema as { response?: Record<string, unknown>; hide?: boolean };
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  // A route without a documented success answer gets the one @fastify/swagger would have shown.
  if (!Object.keys(response).some((code) => code.startsWith("2"))) response[200] = { description: "OK" };
  for (const [code, body] of Object.entries(
    edgeErrorResponses(method, route.config?.access, input.url.includes(":")),
  ))
    response[code] ??= body;
  return { ...out, schema: { ...schema, response } };
};
