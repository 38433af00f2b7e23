import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  findBoundary,
  findRegion,
  findRegions,
  listRegionChildren,
  listRootRegions,
  searchRegions,
} from "../../db/queries/region-queries";
import { AppError } from "../../domain/errors";
import type { Areal } from "../../domain/geo/geometry";
import { regionGate } from "../../domain/policies/region-policy";
import { ancestry } from "../../domain/region/region-code";
import { errorBody } from "../../domain/schemas/common-schemas";
import { gridGeometrySchema } from "../../domain/schemas/grid-schemas";
import {
  regionCodeParams,
  regionExtentView,
  regionSearchHit,
  regionSearchQuery,
  regionView,
} from "../../domain/schemas/region-schemas";
import { importBoundaries } from "../commands/regions/import-boundaries";
import { regionExtent } from "../commands/regions/region-extent";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";

const access = {
  access: "signed_in" as const,
  policy: regionGate.read,
};

/** The region tree is public reference data: every signed-in user may read all of it. */
export function regionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/regions/roots",
      {
        config: access,
        schema: {
          tags: ["regions"],
          summary: "省级区划",
          response: { 200: z.object({ items: z.array(regionView) }) },
        },
      },
      async () => ({ items: await listRootRegions(deps.db) }),
    );

    app.get(
      "/regions",
      {
        config: access,
        schema: {
          tags: ["regions"],
          summary: "按名称或代码搜索区划",
          querystring: regionSearchQuery,
          response: { 200: z.object({ items: z.array(regionSearchHit) }) },
        },
      },
      async (req) => {
        const hits = await searchRegions(deps.db, req.query.q, req.query.limit, req.query.within);
        const codes = [...new Set(hits.flatMap((h) => ancestry(h.code)))];
        const names = new Map((await findRegions(deps.db, codes)).map((r) => [r.code, r.name]));
        return {
          items: hits.map((h) => ({
            ...h,
            path: ancestry(h.code).map((c) => ({ code: c, name: names.get(c) ?? c })),
          })),
        };
      },
    );

    app.get(
      "/regions/:code",
      {
        config: access,
        schema: {
          tags: ["regions"],
          summary: "区划详情及下级",
          params: regionCodeParams,
          response: {
            200: z.object({
              region: regionView,
              ancestors: z.array(regionView),
              children: z.array(regionView),
            }),
          },
        },
      },
      async (req) => {
        const region = await findRegion(deps.db, req.params.code);
        if (!region) throw new AppError("not_found");
        const ancestorCodes = ancestry(region.code).slice(0, -1);
        const ancestors = await Promise.all(ancestorCodes.map((c) => findRegion(deps.db, c)));
        return {
          region,
          ancestors: ancestors.filter((a) => a !== undefined),
          children: await listRegionChildren(deps.db, region.code),
        };
      },
    );

    app.get(
      "/regions/:code/boundary",
      {
        config: access,
        schema: { tags: ["regions"], summary: "区划边界（GeoJSON）", params: regionCodeParams },
      },
      async (req, reply) => {
        const b = await findBoundary(deps.db, req.params.code);
        if (!b) throw new AppError("not_found");
        return reply.type("application/geo+json").send(b.geojson);
      },
    );

    app.get(
      "/regions/:code/extent",
      {
        config: access,
        schema: {
          tags: ["regions"],
          summary: "区划范围（边界外框；无边界时取其网格的范围），地图定位用",
          params: regionCodeParams,
          response: { 200: regionExtentView, 404: errorBody },
        },
      },
      async (req) => {
        const extent = await regionExtent(deps, actorOf(req), req.params.code);
        if (!extent) throw new AppError("no_extent");
        return extent;
      },
    );

    app.put(
      "/regions/boundaries",
      {
        config: { access: "signed_in", policy: regionGate.manage },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ["regions"],
          summary: "导入官方区划边界（GeoJSON FeatureCollection，properties.code 为区划代码）",
          body: z.strictObject({
            source: z.string().trim().min(1, { error: "请注明边界来源" }).max(200),
            type: z.literal("FeatureCollection"),
            features: z
              .array(
                z.object({
                  type: z.literal("Feature"),
                  properties: z
                    .object({
                      code: z.string().regex(/^\d{2,12}$/, { error: "properties.code 须为区划代码" }),
                    })
                    .passthrough(),
                  geometry: gridGeometrySchema,
                }),
              )
              .min(1)
              .max(5000),
          }),
          response: { 200: z.object({ imported: z.number() }) },
        },
      },
      async (req) =>
        importBoundaries(
          deps,
          actorOf(req),
          req.body.features.map((f) => ({ code: f.properties.code, geometry: f.geometry as Areal })),
          req.body.source,
        ),
    );
  };
}
