import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { gridGate } from "../../domain/policies/grid-policy";
import { siteGate } from "../../domain/policies/site-policy";
import { riskLevels, siteKinds } from "../../domain/site/site-kinds";
import { mapGrids } from "../commands/grids/map-grids";
import { mapSites } from "../commands/sites/map-sites";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const bboxSchema = z
  .string()
  .transform((s) => s.split(",").map(Number))
  .refine(
    (b) =>
      b.length === 4 &&
      b.every(Number.isFinite) &&
      b[0] < b[2] &&
      b[1] < b[3] &&
      b[0] >= -180 &&
      b[2] <= 180 &&
      b[1] >= -90 &&
      b[3] <= 90,
    {
      error: "bbox 应为 minLon,minLat,maxLon,maxLat",
    },
  )
  .transform((b) => b as [number, number, number, number]);

export function mapRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/map/grids",
      {
        config: { access: "signed_in", policy: gridGate.read },
        schema: {
          tags: ["map"],
          summary: "网格化监管示意图：按视野与缩放级别返回网格（或县区、乡镇汇总）",
          querystring: z.strictObject({
            bbox: bboxSchema,
            zoom: z.coerce.number().int().min(0).max(22),
            color: z.enum(["coverage", "workload"]).default("coverage"),
          }),
        },
      },
      async (req, reply) =>
        reply.type("application/json; charset=utf-8").send(await mapGrids(deps, actorOf(req), req.query)),
    );

    app.get(
      "/map/sites",
      {
        config: { access: "signed_in", policy: siteGate.read },
        schema: {
          tags: ["map"],
          summary: "地图上的监管对象：聚合点或单点",
          querystring: z.strictObject({
            bbox: bboxSchema,
            zoom: z.coerce.number().int().min(0).max(22),
            kind: z.enum(siteKinds).optional(),
            riskLevel: z.enum(riskLevels).optional(),
          }),
        },
      },
      async (req) => mapSites(deps, actorOf(req), req.query),
    );
  };
}
