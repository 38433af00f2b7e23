import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { verifyTrail } from "../../db/queries/event-queries";
import { inScope } from "../../db/scope";
import { AppError } from "../../domain/errors";
import { trailGate, trailPolicy } from "../../domain/policies/trail-policy";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const trailCheck = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ id: z.number(), reason: z.string() }).nullable(),
});

const eventView = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  regionCode: z.string().nullable(),
  data: z.unknown(),
  hash: z.string(),
});

export function trailRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/trail/verify",
      {
        config: { access: "signed_in", policy: trailGate.read },
        schema: { tags: ["trail"], summary: "校验留痕哈希链", response: { 200: trailCheck } },
      },
      async (req) => {
        if (!trailPolicy.verify(actorOf(req))) throw new AppError("forbidden");
        return verifyTrail(deps.db);
      },
    );

    app.get(
      "/trail/events",
      {
        config: { access: "signed_in", policy: trailGate.read },
        schema: {
          tags: ["trail"],
          summary: "留痕记录（本辖区）",
          querystring: z.strictObject({
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            action: z.string().max(60).optional(),
          }),
          response: { 200: z.object({ items: z.array(eventView) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!trailPolicy.read(actor)) throw new AppError("forbidden");
        let q = deps.db
          .selectFrom("event")
          .selectAll()
          .where((eb) => inScope(eb, "regionCode", actor.scope));
        if (req.query.before) q = q.where("id", "<", req.query.before);
        if (req.query.action) q = q.where("action", "=", req.query.action);
        const rows = await q.orderBy("id", "desc").limit(req.query.limit).execute();
        return {
          items: rows.map(({ prevHash: _p, ...r }) => ({ ...r, id: Number(r.id), data: JSON.parse(r.data) })),
        };
      },
    );
  };
}
