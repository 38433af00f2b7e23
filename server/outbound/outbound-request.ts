import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { parseIp } from "../../domain/outbound/ip-address";
import {
  type AllowList,
  addressRefusal,
  checkOutboundUrl,
  hostAllowed,
  urlHost,
} from "../../domain/outbound/outbound-rules";

/** The outbound rules of a deployment (README: `SAFEGRID_OUTBOUND_*`). */
export interface OutboundSettings {
  allow: AllowList;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
}

/** Resolves a host name to its addresses (tests inject one; the default asks the system resolver). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * What is kept of a failed call: a fixed category, never a text from the remote side.
 * `http_status` comes with the status code; `inactive`: the webhook was removed or switched off.
 */
export type OutboundFailure =
  | "inactive"
  | "invalid_url"
  | "blocked_address"
  | "dns"
  | "timeout"
  | "refused"
  | "tls"
  | "network"
  | "http_status";

export class OutboundError extends Error {
  constructor(
    readonly category: OutboundFailure,
    readonly status: number | null = null,
  ) {
    super(category);
    this.name = "OutboundError";
  }
}

export interface OutboundCall {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

/**
 * Resolves the URL's host once, refuses it if ANY address is internal (unless allow-listed), then connects
 * to the first checked address itself (the Host header and TLS SNI/certificate name stay the URL's host),
 * so a second resolution cannot point the request elsewhere (no DNS rebinding).
 */
async function resolveChecked(url: URL, allow: AllowList, resolve: Resolver): Promise<string> {
  const host = urlHost(url);
  const literal = parseIp(host);
  if (literal) return host;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new OutboundError("dns");
  }
  if (addresses.length === 0) throw new OutboundError("dns");
  if (!hostAllowed(allow, host))
    for (const a of addresses) {
      const ip = parseIp(a);
      if (!ip || addressRefusal(ip, allow) !== null) throw new OutboundError("blocked_address");
    }
  return addresses[0];
}

const categoryOf = (err: NodeJS.ErrnoException): OutboundFailure => {
  if (err instanceof OutboundError) return err.category;
  const code = err.code ?? "";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ETIMEDOUT") return "timeout";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "dns";
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code)) return "tls";
  return "network";
};

/**
 * One outbound HTTP call under the rules (C32): checked URL, checked and pinned address, connect and
 * total timeouts, no redirects followed, no keep-alive. Resolves to the status code only; the response
 * body is never read. Throws `OutboundError` with a fixed category.
 */
export async function outboundRequest(
  raw: string,
  call: OutboundCall,
  settings: OutboundSettings,
  resolve: Resolver = systemResolver,
): Promise<number> {
  const checked = checkOutboundUrl(raw, settings.allow);
  if (!checked.ok)
    throw new OutboundError(checked.reason === "blocked_address" ? "blocked_address" : "invalid_url");
  const { url } = checked;
  const address = await resolveChecked(url, settings.allow, resolve);
  const name = urlHost(url);
  const secure = url.protocol === "https:";
  return new Promise<number>((done, fail) => {
    const req = (secure ? https : http).request({
      host: address.replace(/^\[|\]$/g, ""),
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: call.method,
      headers: { ...call.headers, host: url.host },
      agent: false,
      ...(secure && !parseIp(name) ? { servername: name } : {}),
    });
    const total = setTimeout(() => req.destroy(new OutboundError("timeout")), settings.totalTimeoutMs);
    let connectTimer: NodeJS.Timeout | undefined;
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => req.destroy(new OutboundError("timeout")), settings.connectTimeoutMs);
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    const finish = () => {
      clearTimeout(total);
      clearTimeout(connectTimer);
    };
    req.on("response", (res) => {
      finish();
      const status = res.statusCode ?? 0;
      res.destroy();
      done(status);
    });
    req.on("error", (err) => {
      finish();
      fail(err instanceof OutboundError ? err : new OutboundError(categoryOf(err)));
    });
    req.end(call.body);
  });
}

/** A 2xx status, or an `http_status` failure carrying the code. */
export async function expectSuccess(status: Promise<number>): Promise<number> {
  const s = await status;
  if (s < 200 || s >= 300) throw new OutboundError("http_status", s);
  return s;
}
