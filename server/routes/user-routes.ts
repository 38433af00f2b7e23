import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listUsers } from "../../db/queries/user-queries";
import { AppError } from "../../domain/errors";
import { grantableRoles, userGate, userPolicy } from "../../domain/policies/user-policy";
import { errorBody, idParams } from "../../domain/schemas/common-schemas";
import {
  createUserInput,
  passwordInput,
  updateUserInput,
  userListQuery,
  userView,
} from "../../domain/schemas/user-schemas";
import { createUser } from "../commands/users/create-user";
import { findVisibleUser, setPassword, updateUser } from "../commands/users/update-user";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { presentUser } from "./present-user";

export function userRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/users",
      {
        config: { access: "signed_in", policy: userGate.read },
        schema: {
          tags: ["users"],
          summary: "用户列表",
          querystring: userListQuery,
          response: {
            200: z.object({
              items: z.array(userView),
              total: z.number(),
              abilities: z.object({ create: z.boolean(), grantableRoles: z.array(z.string()) }),
            }),
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!userPolicy.list(actor)) throw new AppError("forbidden");
        const { items, total } = await listUsers(deps.db, actor, req.query);
        const roles = grantableRoles(actor);
        return {
          items: items.map(presentUser),
          total,
          abilities: { create: roles.length > 0, grantableRoles: roles },
        };
      },
    );

    app.get(
      "/users/:id",
      {
        config: { access: "signed_in", policy: userGate.read },
        schema: { tags: ["users"], summary: "用户详情", params: idParams, response: { 200: userView } },
      },
      async (req) => presentUser(await findVisibleUser(deps, actorOf(req), req.params.id)),
    );

    app.post(
      "/users",
      {
        config: { access: "signed_in", policy: userGate.manage },
        schema: { tags: ["users"], summary: "新建用户", body: createUserInput, response: { 201: userView } },
      },
      async (req, reply) =>
        reply.status(201).send(presentUser(await createUser(deps, actorOf(req), req.body))),
    );

    app.patch(
      "/users/:id",
      {
        config: { access: "signed_in", policy: userGate.update },
        schema: {
          tags: ["users"],
          summary: "修改用户",
          params: idParams,
          body: updateUserInput,
          // 409: a change the separation of duties (三员分立) refuses.
          response: { 200: userView, 409: errorBody },
        },
      },
      async (req) => presentUser(await updateUser(deps, actorOf(req), req.params.id, req.body)),
    );

    app.post(
      "/users/:id/password",
      {
        config: { access: "signed_in", policy: userGate.manage },
        schema: {
          tags: ["users"],
          summary: "重置密码（临时密码，下次登录须修改）",
          params: idParams,
          body: passwordInput,
        },
      },
      async (req, reply) => {
        await setPassword(deps, actorOf(req), req.params.id, req.body.password);
        return reply.status(204).send();
      },
    );
  };
}
