/**
 * Requests generated from the app's own OpenAPI description: for every operation a plausible baseline
 * (built from the schemas and real ids), then every body, query and path field mutated in turn — wrong
 * types, lone surrogates, NUL, 1 MB strings, deep nesting, huge arrays, junk ids — plus whole-body
 * mutations and malformed multipart. Deterministic for a seed.
 */

import { seededRandom } from "../../../domain/geo/seeded-random";

type Schema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  default?: unknown;
};
interface Parameter {
  in: "path" | "query" | "header";
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

export interface FuzzRequest {
  /** `POST /api/v1/cases/{id}/triage`: the operation as the OpenAPI names it. */
  operation: string;
  /** What was mutated, for the report: `body.description: lone surrogate`. */
  mutation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** The same seed, the same requests (the one seeded generator of the project). */
export { seededRandom };

/** Raw JSON text spliced where a value goes (so a lone surrogate reaches the server as `\udc00`). */
class Raw {
  constructor(readonly text: string) {}
}

const deepText = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
const mega = "x".repeat(1024 * 1024);

/** Every value mutation, by name. */
export const valueMutations: Record<string, () => unknown> = {
  "wrong type: number": () => 12345,
  "wrong type: negative": () => -1,
  "wrong type: huge number": () => 1e308,
  "wrong type: boolean": () => true,
  "wrong type: null": () => null,
  "wrong type: object": () => ({ x: 1 }),
  "wrong type: array": () => ["a", 1],
  "wrong type: string": () => "not-a-number",
  "empty string": () => "",
  "lone surrogate": () => "a\udc00b",
  "lone high surrogate": () => "\ud800",
  NUL: () => "a\u0000b",
  "RTL, BOM and emoji": () => "\u202e\ufeff😀站点",
  "1 MB string": () => mega,
  "deep nesting": () => new Raw(deepText(2500)),
  "huge array": () => new Raw(`[${"1,".repeat(200_000)}1]`),
  "junk id: traversal": () => "../../../etc/passwd",
  "junk id: sql": () => "' OR 1=1 --",
  "junk id: uuid": () => "00000000-0000-4000-8000-000000000000",
  "junk id: long": () => "9".repeat(300),
  "junk id: unicode": () => "榆中😀",
};

/** Query and path values are text: these mutations are URL-encoded. */
const textMutations: Record<string, string> = {
  "lone surrogate": "%ED%B0%80",
  "encoded lone surrogate": encodeURIComponent("a").concat("%uDC00"),
  NUL: "a%00b",
  "wrong type": "not-a-number",
  negative: "-1",
  "huge number": "1e308",
  "junk id: traversal": "..%2F..%2Fetc%2Fpasswd",
  "junk id: sql": "'%20OR%201%3D1%20--",
  "junk id: long": "9".repeat(300),
  "junk id: unicode": encodeURIComponent("榆中😀"),
  "1 MB string": "x".repeat(1024 * 1024),
  "array param": "a&x=b",
  "percent junk": "%E0%A4%A",
};

/** Whole-body mutations for operations that take JSON. */
const bodyMutations: Record<string, () => { type: string; payload: string }> = {
  "body: not an object": () => ({ type: "application/json", payload: "[]" }),
  "body: string": () => ({ type: "application/json", payload: '"x"' }),
  "body: null": () => ({ type: "application/json", payload: "null" }),
  "body: invalid JSON": () => ({ type: "application/json", payload: '{"a":' }),
  "body: deep nesting": () => ({ type: "application/json", payload: deepText(2500) }),
  "body: key with lone surrogate": () => ({ type: "application/json", payload: '{"a\\udc00":1}' }),
  "body: proto pollution": () => ({ type: "application/json", payload: '{"__proto__":{"x":1}}' }),
  "body: wrong content type": () => ({ type: "text/plain", payload: "hello" }),
  "body: multipart to a JSON route": () => ({ type: "multipart/form-data", payload: "--x\r\n" }),
};

const boundary = "----sgfuzz";
/** Multipart bodies for upload operations, malformed in the ways browsers and scripts get wrong. */
const multipartMutations: Record<string, () => { type: string; payload: string | Buffer }> = {
  "multipart: no boundary": () => ({ type: "multipart/form-data", payload: "--x\r\n\r\n" }),
  "multipart: truncated": () => ({
    type: `multipart/form-data; boundary=${boundary}`,
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`,
  }),
  "multipart: wrong content": () => ({
    type: `multipart/form-data; boundary=${boundary}`,
    payload: "garbage",
  }),
  "multipart: empty": () => ({ type: `multipart/form-data; boundary=${boundary}`, payload: "" }),
  "multipart: NUL field": () => ({
    type: `multipart/form-data; boundary=${boundary}`,
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\na\0b\r\n--${boundary}--\r\n`,
  }),
  "multipart: junk file": () => ({
    type: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="\u202e.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xfe]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  }),
  "multipart: two files": () => ({
    type: `multipart/form-data; boundary=${boundary}`,
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\n\r\nb\r\n--${boundary}--\r\n`,
  }),
  "multipart: JSON instead": () => ({ type: "application/json", payload: "{}" }),
};

/** Real values the fuzzer starts from: ids of rows that exist, by the field name that holds them. */
export interface FuzzWorld {
  ids: Record<string, string>;
  regionCode: string;
}

function idFor(name: string, path: string, world: FuzzWorld): string {
  const resource = /\/api\/v1\/([a-z-]+)/.exec(path)?.[1] ?? "";
  return world.ids[name] ?? world.ids[resource] ?? world.ids.cases ?? "x";
}

/** A plausible value for a schema (enums, formats, minimums), with real ids and region codes by name. */
export function sample(
  schema: Schema | undefined,
  name: string,
  path: string,
  world: FuzzWorld,
  depth = 0,
): unknown {
  if (!schema || depth > 6) return "x";
  if (schema.default !== undefined && depth > 0) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt?.length) return sample(alt[0], name, path, world, depth);
  if (/regionCode|^region$|^code$|scope/i.test(name) && schema.type !== "array") return world.regionCode;
  switch (schema.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(k) || depth === 0) out[k] = sample(v, k, path, world, depth + 1);
      return out;
    }
    case "array": {
      const n = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: n }, () => sample(schema.items, name, path, world, depth + 1));
    }
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, 1);
    case "boolean":
      return true;
    default:
      if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000001";
      if (schema.format === "date-time") return "2026-12-04T08:00:00.000Z";
      if (/id$|Id$|Ids$/.test(name)) return idFor(name, path, world);
      return "测试内容".repeat(Math.ceil((schema.minLength ?? 4) / 4));
  }
}

/** JSON text of `value`, with `Raw` pieces spliced in as they are. */
function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

export interface PlannedOperation {
  key: string;
  method: string;
  path: string;
  multipart: boolean;
  bodySchema?: Schema;
  params: Parameter[];
}

/** Every operation of the description (HEAD and the documentation itself excluded). */
export function operationsOf(spec: OpenApi): PlannedOperation[] {
  const out: PlannedOperation[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        multipart: /\/import|\/evidence$/.test(path) && method === "post",
        bodySchema: content["application/json"]?.schema,
        params: op.parameters ?? [],
      });
    }
  }
  return out;
}

function buildRequest(
  op: PlannedOperation,
  world: FuzzWorld,
  mutation: string,
  change: {
    path?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    raw?: { type: string; payload: string | Buffer };
  },
): FuzzRequest {
  let url = op.path;
  for (const p of op.params.filter((p) => p.in === "path")) {
    const v = change.path?.[p.name] ?? encodeURIComponent(String(sample(p.schema, p.name, op.path, world)));
    url = url.replace(`{${p.name}}`, v);
  }
  const query = Object.entries(change.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
  if (query.length) url += `?${query.join("&")}`;
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (change.raw) {
    headers["content-type"] = change.raw.type;
    payload = change.raw.payload;
  } else if (change.body !== undefined) {
    headers["content-type"] = "application/json";
    payload = toJson(change.body);
  }
  return { operation: op.key, mutation, method: op.method, url, headers, payload };
}

/** `perField` mutations of each field drawn by the seed, or all of them. */
function pick<T>(entries: [string, T][], random: () => number, perField?: number): [string, T][] {
  if (perField === undefined || perField >= entries.length) return entries;
  const copy = [...entries];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, perField);
}

/**
 * All requests for one operation: the baseline, then each body, query and path field with each mutation
 * (or `perField` of them drawn by the seed), then every whole-body (or malformed multipart) mutation.
 */
export function requestsFor(
  op: PlannedOperation,
  world: FuzzWorld,
  random: () => number,
  perField?: number,
): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const baseBody = op.bodySchema
    ? (sample(op.bodySchema, "", op.path, world) as Record<string, unknown>)
    : undefined;
  out.push(buildRequest(op, world, "baseline", { body: baseBody }));
  for (const field of Object.keys(op.bodySchema?.properties ?? {})) {
    for (const [name, make] of pick(Object.entries(valueMutations), random, perField))
      out.push(
        buildRequest(op, world, `body.${field}: ${name}`, { body: { ...(baseBody ?? {}), [field]: make() } }),
      );
  }
  for (const p of op.params) {
    if (p.in !== "path" && p.in !== "query") continue;
    for (const [name, text] of pick(Object.entries(textMutations), random, perField))
      out.push(
        buildRequest(
          op,
          world,
          `${p.in}.${p.name}: ${name}`,
          p.in === "path"
            ? { path: { [p.name]: text }, body: baseBody }
            : { query: { [p.name]: text }, body: baseBody },
        ),
      );
  }
  const whole = op.multipart ? multipartMutations : op.bodySchema || op.method !== "GET" ? bodyMutations : {};
  for (const [name, make] of Object.entries(whole)) out.push(buildRequest(op, world, name, { raw: make() }));
  return out;
}

/**
 * The plan for every operation, shuffled by the seed. `perField` draws that many mutations per field (the
 * suite); `limit` cuts or cycles the plan to exactly that many requests (the benchmark).
 */
export function fuzzPlan(
  spec: OpenApi,
  world: FuzzWorld,
  seed: number,
  opts: { perField?: number; limit?: number } = {},
): FuzzRequest[] {
  const random = seededRandom(seed);
  const all = operationsOf(spec).flatMap((op) => requestsFor(op, world, random, opts.perField));
  const limit = opts.limit;
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  if (limit === undefined || limit === all.length) return all;
  if (limit < all.length) return all.slice(0, limit);
  return Array.from({ length: limit }, (_, i) => all[i % all.length]);
}
