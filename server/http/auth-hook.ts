import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SessionStage } from "../../db/schema/core-tables";
import type { Actor } from "../../domain/auth/actor";
import { AppError, forbidden } from "../../domain/errors";
import type { RouteGate as DomainRouteGate } from "../../domain/policies/policy-term";
import { resolveSession } from "../commands/auth/resolve-session";
import { type OpenSessionCache, openSessionCache } from "../commands/auth/session-cache";
import type { Deps } from "../deps";

export const sessionCookie = "sg_session";

/**
 * A route's gate: the pure predicate (exported by the resource's policy module in `domain/policies/`,
 * derived from the access table) that says whether this actor may call the route at all. Row-level checks
 * run in the command with the same module.
 */
export type RouteGate = DomainRouteGate;

/**
 * What a half-signed-in session may call. By default nothing: a session whose second factor is pending (or must
 * be enrolled) answers 403 `mfa_required`, a user who must change the password 403 `password_change_required`.
 * `second_factor`: the enrolment, verify, sign-out and who-am-I routes; `password_change`: the change-password route.
 */
export type PendingAllowance = "second_factor" | "password_change";

/** Every API route declares who may call it and, when signed in, the policy function it runs. */
export interface RouteAccess {
  access: "public" | "signed_in";
  policy?: RouteGate;
  pending?: PendingAllowance;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    sessionStage: SessionStage | null;
  }
  interface FastifyInstance {
    /** Every route registered, with its declared access and body schema (the access matrix walks this). */
    routeTable: { method: string; url: string; access?: string; policy?: RouteGate; body?: unknown }[];
    /** This app's memory of sessions (PostgreSQL; null on SQLite): tests look at it. */
    sessionCache: OpenSessionCache | null;
  }
  interface FastifyContextConfig {
    access?: "public" | "signed_in";
    policy?: RouteGate;
    pending?: PendingAllowance;
  }
}

export function tokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || null;
  return req.cookies?.[sessionCookie] ?? null;
}

/** The signed-in actor, or a 401 (routes declared `signed_in` always have one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError("unauthenticated");
  return req.actor;
}

/**
 * Refuses to register an API route that does not declare its access, and resolves the actor
 * before any `signed_in` handler runs.
 */
export function registerAuth(app: FastifyInstance, deps: Deps) {
  // PostgreSQL: sessions read a moment ago answered from memory, dropped by the database's notices.
  // SAFEGRID_SESSION_CACHE=0 turns it off (a same-minute A/B through the intake bench).
  const sessions =
    deps.dialect === "postgres" && deps.config.auth.sessionCache ? openSessionCache(deps.db) : null;
  if (sessions) app.addHook("onClose", () => sessions.close());
  app.decorate("sessionCache", sessions);
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("sessionStage", null);
  const table: FastifyInstance["routeTable"] = [];
  app.decorate("routeTable", table);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    const access = (route.config as RouteAccess | undefined)?.access;
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        table.push({
          method,
          url: route.url,
          access,
          policy: (route.config as RouteAccess | undefined)?.policy,
          body: route.schema?.body,
        });
    }
    if (access !== "public" && access !== "signed_in")
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    if (access === "signed_in" && typeof (route.config as RouteAccess).policy !== "function")
      throw new Error(`route ${route.method} ${route.url} declares no policy function`);
  });
  app.addHook("onRequest", async (req) => {
    const access = req.routeOptions.config?.access;
    if (access !== "signed_in") return;
    const token = tokenOf(req);
    if (!token) throw new AppError("unauthenticated");
    const found = await resolveSession(deps, token, sessions?.cache);
    req.actor = found.actor;
    req.sessionId = found.sessionId;
    req.sessionStage = found.stage;
    const pending = req.routeOptions.config?.pending;
    if (found.stage !== "full" && pending !== "second_factor")
      throw new AppError("mfa_required", { details: { stage: found.stage } });
    if (found.passwordChange && !pending)
      throw new AppError("password_change_required", {
        details: { reason: found.passwordChange },
      });
    const gate = req.routeOptions.config?.policy;
    if (!gate?.(found.actor)) throw forbidden();
  });
}
