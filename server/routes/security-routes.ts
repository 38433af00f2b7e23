import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listSecurityEvents } from "../../db/queries/security-event-queries";
import { findUserById, type UserRow } from "../../db/queries/user-queries";
import type { Actor } from "../../domain/auth/actor";
import { AppError } from "../../domain/errors";
import { securityPolicy } from "../../domain/policies/security-policy";
import {
  accountSecurityView,
  securityEventView,
  securityLogQuery,
  userSessionParams,
} from "../../domain/schemas/auth-schemas";
import { errorBody, idParams, noContent } from "../../domain/schemas/common-schemas";
import { accountSecurity, endSessions, unlockAccount } from "../commands/auth/sessions";
import { resetTwoFactor } from "../commands/auth/two-factor";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const done = { 204: noContent, ...errors };

/** The security log (audit administrator) and the security administrator's account actions (安全管理员). */
export function securityRoutes(deps: Deps): FastifyPluginAsyncZod {
  /** An account the security administrator may act on; out of scope reads as 404. */
  async function managedUser(actor: Actor, id: string): Promise<UserRow> {
    const user = await findUserById(deps.db, id);
    if (!user || !securityPolicy.manageAccount(actor, user)) throw new AppError("not_found");
    return user;
  }
  const manage = { access: "signed_in", policy: securityPolicy.manageAccounts } as const;

  return async (app) => {
    app.get(
      "/security-log",
      {
        config: { access: "signed_in", policy: securityPolicy.readLog },
        schema: {
          tags: ["security"],
          summary: "安全日志（登录失败、锁定、双因素失败、限流）Security log",
          querystring: securityLogQuery,
          response: { 200: z.object({ items: z.array(securityEventView), total: z.number() }), ...errors },
        },
      },
      async (req) => {
        const q = req.query;
        const iso = (t?: string) => (t ? new Date(t).toISOString() : undefined);
        return listSecurityEvents(deps.db, actorOf(req).scope, { ...q, from: iso(q.from), to: iso(q.to) });
      },
    );

    app.get(
      "/users/:id/security",
      {
        config: manage,
        schema: {
          tags: ["security"],
          summary: "账号安全状态（锁定、双因素、会话）Account security",
          params: idParams,
          response: { 200: accountSecurityView, ...errors },
        },
      },
      async (req) => accountSecurity(deps, await managedUser(actorOf(req), req.params.id)),
    );

    app.post(
      "/users/:id/unlock",
      {
        config: manage,
        schema: {
          tags: ["security"],
          summary: "解除账号锁定 Unlock",
          params: idParams,
          response: { ...done },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await unlockAccount(deps, actor, await managedUser(actor, req.params.id));
        return reply.status(204).send();
      },
    );

    app.post(
      "/users/:id/totp/reset",
      {
        config: manage,
        schema: {
          tags: ["security"],
          summary: "重置双因素认证（需重新绑定）Reset two factors",
          params: idParams,
          response: { ...done },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await resetTwoFactor(deps, actor, await managedUser(actor, req.params.id));
        return reply.status(204).send();
      },
    );

    app.delete(
      "/users/:id/sessions",
      {
        config: manage,
        schema: {
          tags: ["security"],
          summary: "结束该用户的全部会话 End all sessions of a user",
          params: idParams,
          response: { ...done },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await endSessions(deps, actor, await managedUser(actor, req.params.id), null);
        return reply.status(204).send();
      },
    );

    app.delete(
      "/users/:id/sessions/:sessionId",
      {
        config: manage,
        schema: {
          tags: ["security"],
          summary: "结束该用户的一个会话 End one session of a user",
          params: userSessionParams,
          response: { ...done },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await endSessions(deps, actor, await managedUser(actor, req.params.id), req.params.sessionId);
        return reply.status(204).send();
      },
    );
  };
}
