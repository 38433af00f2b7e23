import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../domain/errors";
import { logSecurityEvent } from "../commands/auth/security-log";
import { canonicalUsername } from "../commands/auth/sign-in";
import type { Deps } from "../deps";
import { tokenOf } from "./auth-hook";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A sign-in step (password, second factor, enrolment confirmation): limited per account and per source. */
    signInStep?: boolean;
  }
}

type Checker = (
  req: FastifyRequest,
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

export function rateLimited(retryAfterSeconds: number, limit: string) {
  return new AppError("rate_limited", {
    zh: `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`,
    en: `Too many requests; try again in ${retryAfterSeconds} s`,
    details: { retryAfterSeconds, limit },
  });
}

async function enforce(check: Checker, req: FastifyRequest, limit: string) {
  const r = await check(req);
  if (!r.isAllowed && r.isExceeded) throw rateLimited(Math.max(1, r.ttlInSeconds ?? 1), limit);
}

/** The account a sign-in step is for: the username in the body (password step) or the half-signed-in actor. */
function accountOf(req: FastifyRequest): string {
  if (req.actor) return req.actor.username;
  const body = req.body as { username?: unknown } | undefined;
  return typeof body?.username === "string" ? canonicalUsername(body.username).slice(0, 200) : "";
}

/**
 * Request budgets with @fastify/rate-limit (in-memory, per process): every /api call per session (per source
 * address when no token is sent), checked before the session is even looked up; and the routes marked
 * `config.signInStep` per source address and per account name (instead of the general budget). Over budget: 429 `rate_limited` with Retry-After; on the sign-in steps
 * the first refusal of each window is written to the security log.
 */
export async function registerRateLimits(app: FastifyInstance, deps: Deps) {
  await app.register(rateLimit, { global: false });
  const r = deps.config.auth.rateLimit;
  const api = app.createRateLimit({
    max: r.apiPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const token = tokenOf(req);
      return token
        ? `api-session:${createHash("sha256").update(token).digest("hex")}`
        : `api-source:${req.ip}`;
    },
  }) as Checker;
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith("/api/") && !req.routeOptions.config?.signInStep) await enforce(api, req, "api");
  });

  const window = r.signInWindowSeconds * 1000;
  const bySource = app.createRateLimit({
    max: r.signInPerSource,
    timeWindow: window,
    keyGenerator: (req) => `signin-source:${req.ip}`,
  }) as Checker;
  const byAccount = app.createRateLimit({
    max: r.signInPerAccount,
    timeWindow: window,
    keyGenerator: (req) => `signin-account:${accountOf(req)}`,
  }) as Checker;
  const logged = new Set<string>();

  async function limitSignIn(req: FastifyRequest) {
    for (const [check, limit] of [
      [bySource, "sign_in_source"],
      [byAccount, "sign_in_account"],
    ] as const) {
      const res = await check(req);
      if (res.isAllowed || !res.isExceeded) continue;
      const retry = Math.max(1, res.ttlInSeconds ?? 1);
      const once = `${limit}|${limit === "sign_in_source" ? req.ip : accountOf(req)}|${Math.round(Date.now() / 1000) + retry}`;
      if (!logged.has(once)) {
        if (logged.size > 10_000) logged.clear();
        logged.add(once);
        await logSecurityEvent(deps, {
          kind: "rate_limited",
          username: accountOf(req) || null,
          ip: req.ip,
          detail: { limit, retryAfterSeconds: retry },
        });
      }
      throw rateLimited(retry, limit);
    }
  }
  // Sign-in steps get their budgets as a preHandler (after the body is parsed and the session resolved).
  app.addHook("onRoute", (route) => {
    if (!(route.config as { signInStep?: boolean } | undefined)?.signInStep) return;
    route.preHandler = [limitSignIn, ...[route.preHandler ?? []].flat()];
  });
}
