import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../domain/errors";
import { isWellFormed } from "../../domain/trail/canonical-json";

/** Deepest JSON nesting any route accepts (the deepest schema, a GeoJSON MultiPolygon, needs 6). */
export const maxInputDepth = 32;
/** Largest array anywhere in a request (a grid boundary's ring stays far below). */
export const maxArrayItems = 10_000;

const malformedText = (where: string) =>
  new AppError("malformed_text", {
    details: { where },
  });

const tooComplex = (where: string, why: "depth" | "array") =>
  new AppError("input_too_complex", {
    details: { where, limit: why === "depth" ? { depth: maxInputDepth } : { arrayItems: maxArrayItems } },
  });

/** A string the platform accepts: well-formed Unicode (no lone surrogate) and no U+0000. */
export function isCanonicalInput(s: string): boolean {
  return !s.includes("\0") && isWellFormed(s);
}

/** Throws `malformed_text` unless `s` is well-formed text without U+0000 (`where` names it in the answer). */
export function assertCanonicalText(s: string, where: string): void {
  if (!isCanonicalInput(s)) throw malformedText(where);
}

/**
 * Walks a parsed value without recursion: every string and object key must be canonical text, nesting at
 * most `maxInputDepth`, arrays at most `maxArrayItems` long.
 */
export function assertCanonicalValue(value: unknown, where: string): void {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: where }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === "string") {
      assertCanonicalText(v, path);
      continue;
    }
    // Raw bytes (a resumable upload's piece) are not text.
    if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) continue;
    if (depth >= maxInputDepth) throw tooComplex(path, "depth");
    if (Array.isArray(v)) {
      if (v.length > maxArrayItems) throw tooComplex(path, "array");
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      assertCanonicalText(key, `${path}.${key}`);
      stack.push({ v: item, depth: depth + 1, path: `${path}.${key}` });
    }
  }
}

/** The nesting depth of a JSON text, counted without parsing it (strings skipped), stopping past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

function checkRequest(req: FastifyRequest): void {
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of [value].flat()) if (typeof v === "string") assertCanonicalText(v, `headers.${name}`);
  }
  assertCanonicalValue(req.params, "params");
  assertCanonicalValue(req.query, "query");
  assertCanonicalValue(req.body, "body");
}

/**
 * Canonical input at the edge, for every route: JSON deeper than `maxInputDepth` is refused before it is
 * parsed (422 `input_too_complex`), and every string of the headers, path, query and body must be
 * well-formed text (422 `malformed_text`) before validation, so no command ever sees a lone surrogate.
 * Multipart fields and file names are checked as they are read (`server/http/multipart-input.ts`).
 */
export function registerCanonicalInput(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, maxInputDepth)) return done(tooComplex("body", "depth"), undefined);
    return parseJson(req, text, done);
  });
  app.addHook("preValidation", async (req: FastifyRequest, _reply: FastifyReply) => checkRequest(req));
}
