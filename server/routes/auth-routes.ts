import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { insertEvent } from "../../db/queries/event-queries";
import { deleteSession } from "../../db/queries/session-queries";
import { findUserById } from "../../db/queries/user-queries";
import { navFor } from "../../domain/auth/nav";
import { userGate } from "../../domain/policies/user-policy";
import { errorBody, noContent } from "../../domain/schemas/common-schemas";
import { loginInput, loginResult, userView } from "../../domain/schemas/user-schemas";
import { signIn } from "../commands/auth/sign-in";
import type { Deps } from "../deps";
import { actorOf, sessionCookie } from "../http/auth-hook";
import { sessionCookieOptions } from "../http/session-cookie";
import { presentUser } from "./present-user";

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/auth/login",
      {
        config: { access: "public" },
        schema: {
          tags: ["auth"],
          summary: "登录 Sign in",
          body: loginInput,
          response: { 200: loginResult, 401: errorBody, 423: errorBody },
        },
      },
      async (req, reply) => {
        const { token, user, expiresAt } = await signIn(deps, req.body, req.ip);
        reply.setCookie(sessionCookie, token, sessionCookieOptions(deps.config, req, new Date(expiresAt)));
        return { token, user: presentUser(user), expiresAt };
      },
    );

    app.post(
      "/auth/logout",
      {
        config: { access: "signed_in", policy: userGate.self },
        schema: { tags: ["auth"], summary: "退出登录 Sign out", response: { 204: noContent } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const now = deps.clock.now();
        await deps.db.transaction().execute(async (tx) => {
          await deleteSession(tx, req.sessionId!);
          await insertEvent(
            tx,
            actor,
            {
              action: "user.signed_out",
              subjectType: "user",
              subjectId: actor.id,
              regionCode: actor.scope[0] ?? null,
              data: {},
            },
            now,
          );
        });
        reply.clearCookie(sessionCookie, sessionCookieOptions(deps.config, req));
        return reply.status(204).send();
      },
    );

    app.get(
      "/auth/me",
      {
        config: { access: "signed_in", policy: userGate.self },
        schema: {
          tags: ["auth"],
          summary: "当前用户 Who am I",
          response: { 200: z.object({ user: userView, nav: z.array(z.string()) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const user = await findUserById(deps.db, actor.id);
        return { user: presentUser(user!), nav: navFor(actor) };
      },
    );
  };
}
