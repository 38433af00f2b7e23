import { randomUUID } from "node:crypto";
import { as, jpegBytes, upload } from "../routes/case-test-kit";
import type { AccessWorld, Scope } from "./access-world";
import type { ApiContext } from "./api-harness";

type Row = Record<string, unknown> & { id: string };
type Rule = [string, string];

/**
 * Access-matrix probes of the delivery routes (R15): real deliveries sent by the lead department of each
 * scope's county (the other county's own lead there) to the scope's village, whose site lies in a grid the
 * home grid worker and committee member serve (so their own-scope cells record for real).
 */
const sender: Record<Scope, string> = { own: "lead", other_township: "lead", other_county: "other_lead" };
const shared = new WeakMap<object, Partial<Record<Scope, Row>>>();
const staffed = new WeakSet<object>();

async function staffHomeGrid(ctx: ApiContext, w: AccessWorld) {
  if (staffed.has(ctx)) return;
  staffed.add(ctx);
  const gridId = w.site.own.gridId as string;
  for (const user of [ctx.users.worker, ctx.users.committee]) {
    const has = await ctx.deps.db
      .selectFrom("gridWorker")
      .select("userId")
      .where("gridId", "=", gridId)
      .where("userId", "=", user.id)
      .executeTakeFirst();
    if (!has)
      await ctx.deps.db
        .insertInto("gridWorker")
        .values({ gridId, userId: user.id, employment: "part_time", createdAt: new Date().toISOString() })
        .execute();
  }
}

/** A new delivery of the scope (with its document when `withDocument`), as a probe row. */
async function send(ctx: ApiContext, w: AccessWorld, s: Scope, withDocument: boolean): Promise<Row> {
  await staffHomeGrid(ctx, w);
  const doc = withDocument
    ? (await upload(ctx, sender[s], Buffer.concat([jpegBytes, Buffer.from(randomUUID())]), "告知书.jpg")).id
    : undefined;
  const res = await as(ctx, sender[s], {
    method: "POST",
    url: "/api/v1/deliveries",
    payload: {
      title: "矩阵送达",
      body: "访问矩阵测试",
      ...(doc ? { documentEvidenceId: doc } : {}),
      filter: { region: w.village[s] },
    },
  });
  if (res.statusCode !== 201) throw new Error(`delivery ${s}: ${res.statusCode} ${res.body}`);
  return {
    id: res.json().id,
    regionCode: w.village[s],
    departmentId: ctx.users[sender[s]].departmentId,
    siteId: w.site[s].id,
    evidenceId: doc ?? "",
  };
}

/** One delivery per scope for the read-only probes. */
async function sharedDelivery(ctx: ApiContext, w: AccessWorld, s: Scope) {
  const cache = shared.get(ctx) ?? {};
  shared.set(ctx, cache);
  cache[s] ??= await send(ctx, w, s, true);
  return cache[s];
}
const fresh = (ctx: ApiContext, w: AccessWorld, s: Scope) => send(ctx, w, s, false);
const reason = "reason=%E8%AE%BF%E9%97%AE%E7%9F%A9%E9%98%B5%E6%B5%8B%E8%AF%95";

export const deliveryProbes = {
  "GET /api/v1/deliveries": { act: ["delivery", "read"] as Rule },
  "GET /api/v1/deliveries/mine": { act: ["delivery", "mine"] as Rule },
  "POST /api/v1/deliveries/preview": {
    act: ["delivery", "create"] as Rule,
    row: (w: AccessWorld, s: Scope) => ({ id: "new", regionCode: w.village[s] }),
    body: (w: AccessWorld, s: Scope) => ({ region: w.village[s] }),
  },
  "POST /api/v1/deliveries": {
    act: ["delivery", "create"] as Rule,
    row: (w: AccessWorld, s: Scope) => ({ id: "new", regionCode: w.village[s] }),
    body: (w: AccessWorld, s: Scope) => ({
      title: "矩阵送达",
      body: "访问矩阵测试",
      filter: { region: w.village[s] },
    }),
    ok: 201,
  },
  "GET /api/v1/deliveries/:id": { act: ["delivery", "read"] as Rule, fresh: sharedDelivery },
  "GET /api/v1/deliveries/:id/export.xlsx": {
    act: ["delivery", "export"] as Rule,
    read: ["delivery", "read"] as Rule,
    fresh: sharedDelivery,
    query: reason,
  },
  "GET /api/v1/deliveries/:id/files/:evidenceId": {
    act: ["delivery", "file"] as Rule,
    fresh: sharedDelivery,
  },
  "DELETE /api/v1/deliveries/:id/targets/:siteId": {
    act: ["delivery", "manage"] as Rule,
    read: ["delivery", "read"] as Rule,
    fresh,
    ok: 204,
  },
  /** A refusal with its reason (a delivered record needs the recorder's own photo: delivery-routes.test.ts). */
  "POST /api/v1/deliveries/:id/records": {
    act: ["delivery", "record"] as Rule,
    fresh,
    body: (_w: AccessWorld, _s: Scope, row?: Row) => ({
      id: randomUUID(),
      siteId: row?.siteId,
      outcome: "refused",
      reason: "矩阵测试拒收",
      at: "2026-01-01T08:00:00.000Z",
    }),
    ok: 201,
  },
};
