import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { departmentNames } from "../../db/queries/case-lookup-queries";
import { webhookDeliveries, webhookStats } from "../../db/queries/notification-delivery-queries";
import { findNotification, listInbox, markRead } from "../../db/queries/notification-queries";
import { listWebhooks, type WebhookRow } from "../../db/queries/notification-webhook-queries";
import { AppError } from "../../domain/errors";
import { notificationGate } from "../../domain/policies/notification-policy";
import { webhookGate } from "../../domain/policies/webhook-policy";
import { errorBody, noContent } from "../../domain/schemas/common-schemas";
import {
  canManageWebhooks,
  createWebhook,
  createWebhookInput,
  deleteWebhook,
  findVisibleWebhook,
  updateWebhook,
  updateWebhookInput,
} from "../commands/notifications/save-webhook";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const passThrough = () => (data: unknown) => ({ value: data });
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

const webhookSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  stats: z.record(z.string(), z.number()),
  secret: z.string().optional(),
});

function webhookView(w: WebhookRow, names: Map<string, string>, stats: Map<string, Record<string, number>>) {
  return {
    id: w.id,
    regionCode: w.regionCode,
    departmentId: w.departmentId,
    departmentName: w.departmentId ? (names.get(w.departmentId) ?? null) : null,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    active: w.active === 1,
    createdAt: w.createdAt,
    stats: { pending: 0, delivered: 0, failed: 0, ...(stats.get(w.id) ?? {}) },
  };
}

/** The inbox of every user, and webhooks per department or county with their delivery log. */
export function notificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/notifications",
      {
        config: { access: "signed_in", policy: notificationGate.read },
        schema: {
          tags: ["notifications"],
          summary: "我的消息",
          querystring: z.strictObject({ unread: z.enum(["true", "false"]).optional(), ...pageQuery }),
        },
      },
      async (req) => {
        const q = req.query;
        return listInbox(deps.db, actorOf(req).id, {
          unread: q.unread === "true",
          page: q.page,
          pageSize: q.pageSize,
        });
      },
    );

    app.post(
      "/notifications/read-all",
      {
        config: { access: "signed_in", policy: notificationGate.read },
        schema: { tags: ["notifications"], summary: "全部标为已读", response: { 204: noContent } },
      },
      async (req, reply) => {
        await markRead(deps.db, actorOf(req).id, null, deps.clock.now().toISOString());
        return reply.status(204).send();
      },
    );

    app.post(
      "/notifications/:id/read",
      {
        config: { access: "signed_in", policy: notificationGate.read },
        schema: {
          tags: ["notifications"],
          summary: "标为已读",
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const n = await findNotification(deps.db, req.params.id);
        if (!n || n.userId !== actor.id) throw new AppError("not_found");
        await markRead(deps.db, actor.id, req.params.id, deps.clock.now().toISOString());
        return reply.status(204).send();
      },
    );

    app.get(
      "/webhooks",
      {
        config: { access: "signed_in", policy: webhookGate.manage },
        schema: { tags: ["notifications"], summary: "Webhook 列表" },
      },
      async (req) => {
        const actor = actorOf(req);
        const rows = (await listWebhooks(deps.db, actor.scope)).filter((w) =>
          canManageWebhooks(actor, w.regionCode),
        );
        const [names, stats] = await Promise.all([
          departmentNames(
            deps.db,
            rows.map((w) => w.departmentId),
          ),
          webhookStats(
            deps.db,
            rows.map((w) => w.id),
          ),
        ]);
        return { items: rows.map((w) => webhookView(w, names, stats)) };
      },
    );

    app.post(
      "/webhooks",
      {
        config: { access: "signed_in", policy: webhookGate.manage },
        schema: {
          tags: ["notifications"],
          summary: "新建 Webhook",
          description:
            "422 outbound_url_invalid（非 http/https、含用户名密码、端口不允许）或 outbound_address_blocked（本机、内网、链路本地、组播、保留地址，外发白名单除外）",
          body: createWebhookInput,
          response: { 201: webhookSchema, 403: errorBody, 422: errorBody },
        },
        validatorCompiler: passThrough,
      },
      async (req, reply) => {
        const w = await createWebhook(deps, actorOf(req), req.body);
        const names = await departmentNames(deps.db, [w.departmentId]);
        return reply.status(201).send({ ...webhookView(w, names, new Map()), secret: w.secret });
      },
    );

    app.patch(
      "/webhooks/:id",
      {
        config: { access: "signed_in", policy: webhookGate.manage },
        schema: {
          tags: ["notifications"],
          summary: "修改 Webhook",
          params: idParams,
          body: updateWebhookInput,
          response: { 200: webhookSchema, 403: errorBody, 404: errorBody, 422: errorBody },
        },
        validatorCompiler: ({ httpPart }) =>
          httpPart === "body" ? passThrough() : (d: unknown) => ({ value: d }),
      },
      async (req) => {
        const w = await updateWebhook(deps, actorOf(req), (req.params as { id: string }).id, req.body);
        const names = await departmentNames(deps.db, [w.departmentId]);
        const stats = await webhookStats(deps.db, [w.id]);
        return { ...webhookView(w, names, stats), ...(w.secretShown ? { secret: w.secret } : {}) };
      },
    );

    app.delete(
      "/webhooks/:id",
      {
        config: { access: "signed_in", policy: webhookGate.manage },
        schema: { tags: ["notifications"], summary: "删除 Webhook", params: idParams },
      },
      async (req, reply) => {
        await deleteWebhook(deps, actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      "/webhooks/:id/deliveries",
      {
        config: { access: "signed_in", policy: webhookGate.manage },
        schema: {
          tags: ["notifications"],
          summary: "Webhook 投递记录",
          params: idParams,
          querystring: z.strictObject(pageQuery),
        },
      },
      async (req) => {
        await findVisibleWebhook(deps, actorOf(req), req.params.id);
        const { items, total } = await webhookDeliveries(
          deps.db,
          req.params.id,
          req.query.page,
          req.query.pageSize,
        );
        return {
          total,
          items: items.map((d) => ({
            id: Number(d.id),
            event: d.kind,
            caseId: d.caseId,
            status: d.status,
            attempts: d.attempts,
            lastStatusCode: d.lastStatusCode,
            lastError: d.lastError,
            nextAttemptAt: d.nextAttemptAt,
            createdAt: d.createdAt,
            deliveredAt: d.deliveredAt,
          })),
        };
      },
    );
  };
}
