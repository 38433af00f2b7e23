import type { FastifyRequest } from "fastify";
import type { Config } from "../config";
import { overHttps } from "./security-headers";

/** `Secure` by `SAFEGRID_COOKIE_SECURE`: always, never, or (auto) when the request came over HTTPS. */
export function cookieSecure(config: Pick<Config, "cookieSecure">, req: FastifyRequest): boolean {
  if (config.cookieSecure === "always") return true;
  if (config.cookieSecure === "never") return false;
  return overHttps(req);
}

/** The session cookie's attributes: httpOnly, SameSite=Strict, path /, Secure as configured. */
export function sessionCookieOptions(
  config: Pick<Config, "cookieSecure">,
  req: FastifyRequest,
  expires?: Date,
) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: cookieSecure(config, req),
    ...(expires ? { expires } : {}),
  };
}
