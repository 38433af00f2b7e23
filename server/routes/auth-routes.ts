import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { insertEvent } from "../../db/queries/event-queries";
import { deleteSession } from "../../db/queries/session-queries";
import { findUserById } from "../../db/queries/user-queries";
import { navFor } from "../../domain/auth/nav";
import { twoFactorRequired } from "../../domain/auth/two-factor";
import { AppError } from "../../domain/errors";
import { type TileCrs, tileCrsList } from "../../domain/geo/base-map-settings";
import { userGate } from "../../domain/policies/user-policy";
import {
  changePasswordInput,
  codeInput,
  enrolmentView,
  recoveryCodesView,
  sessionParams,
  sessionStage,
  sessionView,
} from "../../domain/schemas/auth-schemas";
import { errorBody, noContent } from "../../domain/schemas/common-schemas";
import { loginInput, loginResult, userView } from "../../domain/schemas/user-schemas";
import { changeOwnPassword } from "../commands/auth/change-password";
import { pendingPasswordChange } from "../commands/auth/resolve-session";
import { sessionsChanged } from "../commands/auth/session-cache";
import { endSessions, sessionsOf } from "../commands/auth/sessions";
import { signIn } from "../commands/auth/sign-in";
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor } from "../commands/auth/two-factor";
import type { Deps } from "../deps";
import { actorOf, sessionCookie } from "../http/auth-hook";
import { sessionCookieOptions } from "../http/session-cookie";
import { presentUser } from "./present-user";

const errors = {
  401: errorBody,
  403: errorBody,
  409: errorBody,
  422: errorBody,
  423: errorBody,
  429: errorBody,
};
const done = { 204: noContent, ...errors };
/** The account's own sign-in steps, password and sessions (rows are the actor's own). */
const self = userGate.self;

/** The console's base map (issue 11): 天地图 with its browser key, an XYZ tile URL, or the offline base. */
const baseMapView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("tianditu"), key: z.string() }),
  z.object({
    kind: z.literal("xyz"),
    url: z.string(),
    crs: z.enum(tileCrsList as [TileCrs, ...TileCrs[]]),
    subdomains: z.string(),
  }),
  z.object({ kind: z.literal("offline") }),
]);
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const sessionOf = (req: { sessionId: string | null; sessionStage: string | null; ip: string }) => ({
      id: req.sessionId!,
      stage: (req.sessionStage ?? "full") as "full" | "mfa_verify" | "mfa_enrol",
      ip: req.ip,
    });

    app.post(
      "/auth/login",
      {
        config: { access: "public", signInStep: true },
        schema: {
          tags: ["auth"],
          summary: "登录（第一步：用户名和密码） Sign in",
          description:
            "`stage`: `full` (signed in), `mfa_verify` (send a code to /auth/totp/verify), `mfa_enrol` (an " +
            "administrator role without an authenticator: enrol at /auth/totp/enrol first). 423 while locked, 429 over budget.",
          body: loginInput,
          response: { 200: loginResult.extend({ stage: sessionStage }), ...errors },
        },
      },
      async (req, reply) => {
        const { token, user, expiresAt, stage } = await signIn(deps, req.body, req.ip);
        reply.setCookie(sessionCookie, token, sessionCookieOptions(deps.config, req, new Date(expiresAt)));
        return { token, user: presentUser(user), expiresAt, stage };
      },
    );

    app.post(
      "/auth/totp/verify",
      {
        config: { access: "signed_in", policy: self, pending: "second_factor", signInStep: true },
        schema: {
          tags: ["auth"],
          summary: "登录第二步：动态验证码或恢复码 Second factor",
          body: codeInput,
          response: { ...done },
        },
      },
      async (req, reply) => {
        await verifySecondFactor(deps, actorOf(req), sessionOf(req), req.body.code);
        return reply.status(204).send();
      },
    );

    app.post(
      "/auth/totp/enrol",
      {
        config: { access: "signed_in", policy: self, pending: "second_factor" },
        schema: {
          tags: ["auth"],
          summary: "绑定身份验证器：生成密钥和二维码 Start TOTP enrolment",
          response: { 200: enrolmentView, ...errors },
        },
      },
      async (req) => {
        if (req.sessionStage === "mfa_verify") throw new AppError("mfa_required");
        return startTotpEnrolment(deps, actorOf(req));
      },
    );

    app.post(
      "/auth/totp/confirm",
      {
        config: { access: "signed_in", policy: self, pending: "second_factor", signInStep: true },
        schema: {
          tags: ["auth"],
          summary: "绑定身份验证器：输入验证码确认，返回恢复码（仅显示一次） Confirm TOTP enrolment",
          body: codeInput,
          response: { 200: recoveryCodesView, ...errors },
        },
      },
      async (req) => {
        if (req.sessionStage === "mfa_verify") throw new AppError("mfa_required");
        return confirmTotpEnrolment(deps, actorOf(req), sessionOf(req), req.body.code);
      },
    );

    app.post(
      "/auth/password",
      {
        config: { access: "signed_in", policy: self, pending: "password_change" },
        schema: {
          tags: ["auth"],
          summary: "修改本人密码 Change my password",
          description:
            "Needs the current password; the new one may not be any of the last 5. Other sessions end.",
          body: changePasswordInput,
          response: { ...done },
        },
      },
      async (req, reply) => {
        await changeOwnPassword(deps, actorOf(req), req.sessionId!, req.body);
        return reply.status(204).send();
      },
    );

    app.get(
      "/auth/sessions",
      {
        config: { access: "signed_in", policy: self },
        schema: {
          tags: ["auth"],
          summary: "我的会话 My sessions",
          response: { 200: z.object({ items: z.array(sessionView) }), ...errors },
        },
      },
      async (req) => ({ items: await sessionsOf(deps, actorOf(req).id, req.sessionId) }),
    );

    app.delete(
      "/auth/sessions/:sessionId",
      {
        config: { access: "signed_in", policy: self },
        schema: {
          tags: ["auth"],
          summary: "结束我的一个会话 Revoke one of my sessions",
          params: sessionParams,
          response: { 404: errorBody, ...done },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const user = await findUserById(deps.db, actor.id);
        if (!user) throw new AppError("unauthenticated");
        await endSessions(deps, actor, user, req.params.sessionId);
        return reply.status(204).send();
      },
    );

    app.post(
      "/auth/logout",
      {
        config: { access: "signed_in", policy: self, pending: "second_factor" },
        schema: { tags: ["auth"], summary: "退出登录 Sign out", response: { ...done } },
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
        sessionsChanged(deps.db, actor.id);
        reply.clearCookie(sessionCookie, sessionCookieOptions(deps.config, req));
        return reply.status(204).send();
      },
    );

    app.get(
      "/auth/me",
      {
        config: { access: "signed_in", policy: self, pending: "second_factor" },
        schema: {
          tags: ["auth"],
          summary: "当前用户 Who am I",
          response: {
            200: z.object({
              user: userView,
              nav: z.array(z.string()),
              stage: sessionStage,
              passwordChangeRequired: z.string().nullable(),
              twoFactor: z.object({ enrolled: z.boolean(), required: z.boolean() }),
              baseMap: baseMapView,
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const user = (await findUserById(deps.db, actor.id))!;
        return {
          user: presentUser(user),
          nav: navFor(actor),
          stage: (req.sessionStage ?? "full") as "full",
          passwordChangeRequired: pendingPasswordChange(deps, user),
          twoFactor: { enrolled: Boolean(user.totpSecret), required: twoFactorRequired(user.role) },
          baseMap: deps.config.baseMap,
        };
      },
    );
  };
}
