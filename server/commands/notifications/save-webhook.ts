import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { findDepartment } from "../../../db/queries/department-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  deleteWebhookRow,
  findWebhook,
  insertWebhook,
  updateWebhookRow,
  type WebhookRow,
} from "../../../db/queries/notification-webhook-queries";
import { type Actor, covers } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { checkOutboundUrl, urlRefusalMessage } from "../../../domain/outbound/outbound-rules";
import { canManageWebhooks } from "../../../domain/policies/webhook-policy";
import type { Deps } from "../../deps";

/** The URL's form; where it may point is checked by `checkWebhookUrl` (422 `outbound_url_invalid` / `outbound_address_blocked`). */
const url = z
  .string({ error: "请填写接收地址" })
  .trim()
  .min(1, { error: "请填写接收地址" })
  .max(500, { error: "地址过长" });
const events = z
  .array(z.string().regex(/^case\.[a-z_]+$/, { error: "事件名须形如 case.dispatched" }), {
    error: "事件列表格式不正确",
  })
  .max(40);

export const createWebhookInput = z.strictObject({
  regionCode: z
    .string({ error: "请选择县区" })
    .regex(/^\d{2}(\d{2}){0,2}$/, { error: "区划须为省、市或县区代码" }),
  departmentId: z.string().min(1).max(64).nullable().optional(),
  url,
  events: events.default([]),
  active: z.boolean().default(true),
});
export const updateWebhookInput = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional(),
  rotateSecret: z.boolean().optional(),
});

export { canManageWebhooks };

/** Refuses a URL the platform must not call (C32): checked on save, and again after DNS at send time. */
export function checkWebhookUrl(deps: Deps, raw: string): string {
  const checked = checkOutboundUrl(raw, deps.config.outbound.allow);
  if (checked.ok) return raw;
  const msg = urlRefusalMessage[checked.reason];
  const issues = [{ path: "url", message: msg.zh }];
  if (checked.reason === "blocked_address")
    throw new AppError("outbound_address_blocked", { details: { category: checked.category, issues } });
  throw new AppError("outbound_url_invalid", {
    zh: msg.zh,
    en: msg.en,
    details: { reason: checked.reason, issues },
  });
}

const secret = () => randomBytes(32).toString("hex");

export async function createWebhook(deps: Deps, actor: Actor, raw: unknown): Promise<WebhookRow> {
  const input = parseInput(createWebhookInput, raw);
  if (!canManageWebhooks(actor, input.regionCode)) throw new AppError("forbidden");
  checkWebhookUrl(deps, input.url);
  if (input.departmentId) {
    const d = await findDepartment(deps.db, input.departmentId);
    if (!d?.regionCode.startsWith(input.regionCode))
      throw new AppError("validation_failed", { zh: "部门不存在或不属于该区划", en: "Unknown department" });
  }
  const at = deps.clock.now().toISOString();
  const row: WebhookRow = {
    id: randomUUID(),
    regionCode: input.regionCode,
    departmentId: input.departmentId ?? null,
    url: input.url,
    secret: secret(),
    events: JSON.stringify(input.events),
    active: input.active ? 1 : 0,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertWebhook(tx, row);
    const { secret: _s, ...logged } = row;
    await insertEvent(
      tx,
      actor,
      {
        action: "webhook.created",
        subjectType: "webhook",
        subjectId: row.id,
        regionCode: row.regionCode,
        data: logged,
      },
      deps.clock.now(),
    );
  });
  return row;
}

export async function findVisibleWebhook(deps: Deps, actor: Actor, id: string) {
  const row = await findWebhook(deps.db, id);
  if (!row || !covers(actor, row.regionCode)) throw new AppError("not_found");
  if (!canManageWebhooks(actor, row.regionCode)) throw new AppError("forbidden");
  return row;
}

export async function updateWebhook(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(updateWebhookInput, raw);
  const row = await findVisibleWebhook(deps, actor, id);
  if (input.url !== undefined) checkWebhookUrl(deps, input.url);
  const patch: Partial<WebhookRow> = { updatedAt: deps.clock.now().toISOString() };
  if (input.url !== undefined) patch.url = input.url;
  if (input.events !== undefined) patch.events = JSON.stringify(input.events);
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.rotateSecret) patch.secret = secret();
  await deps.db.transaction().execute(async (tx) => {
    await updateWebhookRow(tx, id, patch);
    const { secret: _s, ...logged } = patch;
    await insertEvent(
      tx,
      actor,
      {
        action: "webhook.updated",
        subjectType: "webhook",
        subjectId: id,
        regionCode: row.regionCode,
        data: { ...logged, secretRotated: !!input.rotateSecret },
      },
      deps.clock.now(),
    );
  });
  return { ...row, ...patch, secretShown: !!input.rotateSecret };
}

export async function deleteWebhook(deps: Deps, actor: Actor, id: string) {
  const row = await findVisibleWebhook(deps, actor, id);
  await deps.db.transaction().execute(async (tx) => {
    await deleteWebhookRow(tx, id);
    await insertEvent(
      tx,
      actor,
      {
        action: "webhook.deleted",
        subjectType: "webhook",
        subjectId: id,
        regionCode: row.regionCode,
        data: { url: row.url },
      },
      deps.clock.now(),
    );
  });
}
