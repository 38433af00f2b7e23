import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { latestOfficialReplies, listTipRequests, tipRegions } from "../../db/queries/tip-queries";
import { type Open311Value, open311Error, open311Time, toXml } from "../../domain/tip/open311";
import { type TipKind, tipKinds } from "../../domain/tip/tip-kinds";
import { Open311Failure, open311PostRequest } from "../commands/tips/open311-post";
import type { Deps } from "../deps";
import { sourceBudget } from "./tip-route-schemas";

type Format = "json" | "xml";

/** `name.json` / `name.xml` / `name` → the name and the format (JSON unless the suffix says XML). */
function split(name: string): { name: string; format: Format } {
  const m = /^(.*)\.(json|xml)$/.exec(name);
  return m ? { name: m[1], format: m[2] as Format } : { name, format: "json" };
}

function send(reply: FastifyReply, format: Format, root: string, value: Open311Value, status = 200) {
  reply.status(status).header("access-control-allow-origin", "*");
  if (format === "xml") return reply.type("text/xml; charset=utf-8").send(toXml(root, value));
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(value));
}

const fail = (reply: FastifyReply, format: Format, code: number, description: string) =>
  send(reply, format, "errors", open311Error(code, description), code);

const services = () =>
  (Object.entries(tipKinds) as [TipKind, (typeof tipKinds)[TipKind]][]).map(([code, k]) => ({
    service_code: code,
    service_name: k.zh,
    description: `${k.zh}（${k.en}）`,
    metadata: false,
    type: "realtime",
    keywords: k.en,
    group: "安全生产",
  }));

const list = (v: unknown) =>
  typeof v === "string" && v.trim()
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function isoParam(v: unknown): string | undefined | null {
  if (typeof v !== "string" || v === "") return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/**
 * Open311 GeoReport v2, read side (`/open311/v2/`): discovery, services (the tip kinds open to the
 * public), service definitions, and the service requests that public tips became, with the standard
 * filters, in JSON or XML by suffix. Errors are the spec's arrays of {code, description}. A request shows
 * the kind, the address the informant gave, stage (open/closed), the latest official reply
 * (`status_notes`), the department holding it and the stage deadline (`expected_datetime`) — never the
 * informant's own words or identity.
 */
export async function registerOpen311(root: FastifyInstance, deps: Deps) {
  // Form-encoded bodies (the spec's POST) are parsed only inside this scope: the API stays JSON-only.
  await root.register(async (app) => {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    open311Routes(app, deps);
  });
}

function open311Routes(app: FastifyInstance, deps: Deps) {
  const base = "/open311/v2";
  // No session here: a budget per source address, like the signed-out API budget (in memory).
  const budget = sourceBudget(app, "open311-source", deps.config.auth.rateLimit.apiPerMinute, 60_000);
  const preHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = await budget(req);
    if (wait === null) return;
    const format: Format = /\.xml(\?|$)/.test(req.url) ? "xml" : "json";
    reply.header("retry-after", String(wait));
    return fail(reply, format, 429, "Too many requests; try again later");
  };
  const opts = { config: { access: "public" as const }, schema: { hide: true }, preHandler };

  async function jurisdiction(req: FastifyRequest): Promise<string[] | undefined | null> {
    const j = (req.query as Record<string, unknown>).jurisdiction_id;
    if (j === undefined || j === "") return undefined;
    const known = (await tipRegions(deps.db)).map((c) => c.code);
    return typeof j === "string" && known.includes(j) ? [j] : null;
  }

  const discovery = async (req: FastifyRequest, reply: FastifyReply, format: Format) => {
    const url = `${req.protocol}://${req.headers.host ?? "localhost"}${base}/`;
    return send(reply, format, "discovery", {
      changeset: "2026-12-05T00:00:00+08:00",
      contact: "本县安全生产委员会办公室",
      key_service: "向本县安委办申请 API 密钥",
      endpoints: [
        {
          specification: "http://wiki.open311.org/GeoReport_v2",
          url,
          changeset: "2026-12-05T00:00:00+08:00",
          type: "production",
          formats: ["application/json", "text/xml"],
        },
      ],
    });
  };
  app.get(`${base}/discovery.json`, opts, (req, reply) => discovery(req, reply, "json"));
  app.get(`${base}/discovery.xml`, opts, (req, reply) => discovery(req, reply, "xml"));

  for (const format of ["json", "xml"] as const)
    app.get(`${base}/services.${format}`, opts, async (req, reply) => {
      if ((await jurisdiction(req)) === null) return fail(reply, format, 404, "jurisdiction_id not found");
      return send(reply, format, "services", services());
    });

  app.get(`${base}/services/:code`, opts, async (req, reply) => {
    const { name, format } = split((req.params as { code: string }).code);
    if ((await jurisdiction(req)) === null) return fail(reply, format, 404, "jurisdiction_id not found");
    if (!Object.hasOwn(tipKinds, name)) return fail(reply, format, 404, `service_code ${name} not found`);
    return send(reply, format, "service_definition", { service_code: name, attributes: [] });
  });

  async function requests(req: FastifyRequest, reply: FastifyReply, format: Format, one?: string) {
    const q = req.query as Record<string, unknown>;
    const counties = await jurisdiction(req);
    if (counties === null) return fail(reply, format, 404, "jurisdiction_id not found");
    const start = isoParam(q.start_date);
    const end = isoParam(q.end_date);
    if (start === null || end === null)
      return fail(reply, format, 400, "start_date and end_date must be ISO 8601");
    const statuses = list(q.status);
    if (statuses?.some((s) => s !== "open" && s !== "closed"))
      return fail(reply, format, 400, "status must be open or closed");
    const limitText = q.limit ?? q.page_size;
    const limit = limitText === undefined ? 1000 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      return fail(reply, format, 400, "limit must be a whole number from 1 to 1000");
    const numbers = one ? [one] : list(q.service_request_id);
    const now = deps.clock.now();
    // Without ids or dates: the last 90 days, as the spec suggests.
    const windowStart =
      !numbers && !start && !end ? new Date(now.getTime() - 90 * 86_400_000).toISOString() : start;
    const rows = await listTipRequests(deps.db, {
      numbers,
      kinds: numbers ? undefined : list(q.service_code),
      counties,
      start: numbers ? undefined : windowStart,
      end: numbers ? undefined : end,
      open: numbers || !statuses || statuses.length === 2 ? undefined : statuses[0] === "open",
      limit,
    });
    if (one && rows.length === 0) return fail(reply, format, 404, `service_request_id ${one} not found`);
    const notes = await latestOfficialReplies(
      deps.db,
      rows.map((r) => r.tipId),
    );
    const items = rows.map((r) => {
      const kind = tipKinds[r.kind as TipKind];
      return {
        service_request_id: r.number,
        status: r.open === 1 ? "open" : "closed",
        status_notes: notes.get(r.tipId) ?? null,
        service_name: kind?.zh ?? r.kind,
        service_code: r.kind,
        description: kind?.zh ?? r.kind,
        agency_responsible: r.departmentName ?? null,
        service_notice: null,
        requested_datetime: open311Time(r.reportedAt),
        updated_datetime: open311Time(r.updatedAt),
        expected_datetime: r.open === 1 ? open311Time(r.deadline) : null,
        address: r.address ?? null,
        address_id: null,
        zipcode: null,
        lat: r.lat ?? null,
        long: r.lng ?? null,
        media_url: null,
      };
    });
    return send(reply, format, "service_requests", items);
  }
  app.get(`${base}/requests.json`, opts, (req, reply) => requests(req, reply, "json"));
  app.get(`${base}/requests.xml`, opts, (req, reply) => requests(req, reply, "xml"));
  app.get(`${base}/requests/:id`, opts, (req, reply) => {
    const { name, format } = split((req.params as { id: string }).id);
    return requests(req, reply, format, name);
  });

  /**
   * `POST requests.json|xml` (form-encoded, as the spec says; JSON is accepted too): files a tip for the
   * county the client's `api_key` was issued for. 403 for a missing, wrong or revoked key; 400/404 as arrays.
   */
  const post = async (req: FastifyRequest, reply: FastifyReply, format: Format) => {
    const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
    try {
      const made = await open311PostRequest(deps, { ...(req.query as object), ...body });
      return send(reply, format, "service_requests", made);
    } catch (err) {
      if (err instanceof Open311Failure) return fail(reply, format, err.status, err.description);
      throw err;
    }
  };
  app.post(`${base}/requests.json`, opts, (req, reply) => post(req, reply, "json"));
  app.post(`${base}/requests.xml`, opts, (req, reply) => post(req, reply, "xml"));
}
