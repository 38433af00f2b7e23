import { z } from "zod";
import { regionLevels } from "../region/region-code";
import { regionCodeSchema } from "./common-schemas";

export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels as [string, ...string[]]),
  parentCode: z.string().nullable(),
  childCount: z.number(),
});
export type RegionView = z.infer<typeof regionView>;

export const regionSearchQuery = z.strictObject({
  q: z.string().trim().min(1, { error: "请输入名称或代码" }).max(40),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  within: regionCodeSchema.optional(),
});

export const regionCodeParams = z.strictObject({ code: regionCodeSchema });

/** A search match with its path from the province down, e.g. 甘肃省 / 兰州市 / 榆中县. */
export const regionSearchHit = regionView.extend({
  path: z.array(z.object({ code: z.string(), name: z.string() })),
});

/** Where a region lies (`GET /regions/:code/extent`): [minLon, minLat, maxLon, maxLat] in WGS84. */
export const regionExtentView = z.object({
  code: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  source: z.enum(["boundary", "grids"]),
});
