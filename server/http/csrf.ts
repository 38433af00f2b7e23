import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../domain/errors";
import { sessionCookie } from "./auth-hook";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when `url` names this server's host (default ports normalised by the URL's own scheme). */
function isOwnHost(url: string, hostHeader: string): boolean {
  try {
    const u = new URL(url);
    return u.host === new URL(`${u.protocol}//${hostHeader}`).host;
  } catch {
    return false;
  }
}

/**
 * Where a browser says the request comes from: its `Origin`, else `Sec-Fetch-Site`, else the `Referer`.
 * Answers "same" (this host), "cross" (another site), or "unknown" (no header at all).
 */
export function requestSite(req: FastifyRequest): "same" | "cross" | "unknown" {
  const own = req.headers.host ?? "";
  const origin = req.headers.origin;
  if (typeof origin === "string" && origin !== "") return isOwnHost(origin, own) ? "same" : "cross";
  const fetchSite = req.headers["sec-fetch-site"];
  if (typeof fetchSite === "string" && fetchSite !== "")
    return fetchSite === "same-origin" || fetchSite === "none" ? "same" : "cross";
  const referer = req.headers.referer;
  if (typeof referer === "string" && referer !== "") return isOwnHost(referer, own) ? "same" : "cross";
  return "unknown";
}

/**
 * CSRF defence for the console's cookie session: a state-changing request (not GET/HEAD/OPTIONS) that
 * carries the session cookie and no bearer token must come from this host (Origin, or Sec-Fetch-Site /
 * Referer when there is no Origin); otherwise 403 `csrf_rejected`. Bearer-token clients are not affected
 * (a browser never adds an Authorization header on its own), nor requests without the cookie.
 */
export function registerCsrfCheck(app: FastifyInstance): void {
  app.addHook("onRequest", async (req) => {
    if (safeMethods.has(req.method)) return;
    if (req.headers.authorization?.startsWith("Bearer ")) return;
    if (!req.cookies?.[sessionCookie]) return;
    if (requestSite(req) !== "same") throw new AppError("csrf_rejected");
  });
}
