import { z } from "zod";
import { isRegionCode } from "../region/region-code";
import { pageQuery, regionCodeSchema } from "./common-schemas";

/** Grid kinds (R1): the township or village is the base unit; clusters may be their own grid. */
export const gridKinds = ["township", "village", "industrial_park", "commercial_zone", "other"] as const;
export type GridKind = (typeof gridKinds)[number];

export const gridKindLabel: Record<GridKind, { zh: string; en: string }> = {
  township: { zh: "乡镇网格", en: "Township grid" },
  village: { zh: "村/社区网格", en: "Village grid" },
  industrial_park: { zh: "工业聚集区网格", en: "Industrial park grid" },
  commercial_zone: { zh: "商贸聚集区网格", en: "Commercial zone grid" },
  other: { zh: "其他网格", en: "Other grid" },
};

export const gridStatuses = ["active", "retired"] as const;
export const employments = ["full_time", "part_time"] as const;
export type Employment = (typeof employments)[number];

/** A 15-digit grid code: 12-digit village (or township + 000) code and a 3-digit sequence 001–999. */
export const gridCodeSchema = z
  .string()
  .regex(/^\d{12}(?!000)\d{3}$/, { error: "网格编码应为 15 位数字（12 位村/乡镇代码 + 3 位序号）" });

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position).min(1, { error: "边界环不能为空" });
/** GeoJSON Polygon or MultiPolygon; the shape only — the geometry itself is checked by validateGridGeometry. */
export const gridGeometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: "电话应为 11 位手机号或带区号的固定电话" });
export const personInput = z.strictObject({
  name: z.string().trim().min(1, { error: "请填写姓名" }).max(50),
  phone: phone.nullable().default(null),
});

const townshipOrVillage = z.string().refine((c) => isRegionCode(c) && (c.length === 9 || c.length === 12), {
  error: "请选择乡镇/街道（9 位）或村/社区（12 位）",
});
const villageCode = z.string().regex(/^\d{12}$/, { error: "村/社区代码应为 12 位数字" });

export const createGridInput = z.strictObject({
  regionCode: townshipOrVillage,
  name: z.string().trim().min(1, { error: "请填写网格名称" }).max(60),
  kind: z.enum(gridKinds, { error: "网格类型无效" }),
  villageCodes: z.array(villageCode).max(200).default([]),
  geometry: gridGeometrySchema,
  supervisionOfficer: personInput.nullable().default(null),
  contactLeader: personInput.nullable().default(null),
  code: gridCodeSchema.optional(),
});
export type CreateGridInput = z.infer<typeof createGridInput>;

export const updateGridInput = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(60).optional(),
  kind: z.enum(gridKinds).optional(),
  villageCodes: z.array(villageCode).max(200).optional(),
  geometry: gridGeometrySchema.optional(),
  supervisionOfficer: personInput.nullable().optional(),
  contactLeader: personInput.nullable().optional(),
  status: z.enum(gridStatuses).optional(),
});
export type UpdateGridInput = z.infer<typeof updateGridInput>;

export const validateGridInput = z.strictObject({
  geometry: gridGeometrySchema,
  regionCode: townshipOrVillage,
  excludeId: z.string().max(64).optional(),
});

export const splitPreviewInput = z.strictObject({ parts: z.number().int().min(2).max(20) });
export const splitGridInput = z.strictObject({
  version: z.number().int().min(1),
  pieces: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(60), geometry: gridGeometrySchema }))
    .min(2, { error: "至少拆分为 2 个网格" })
    .max(20),
});
export const mergeGridsInput = z.strictObject({
  ids: z.array(z.string().min(1).max(64)).min(2, { error: "至少选择 2 个网格" }).max(50),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(gridKinds).optional(),
});

export const gridWorkersInput = z.strictObject({
  workers: z
    .array(z.strictObject({ userId: z.string().min(1).max(64), employment: z.enum(employments) }))
    .max(50),
});

const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const gridListQuery = z.strictObject({
  region: regionCodeSchema.optional(),
  kind: z.enum(gridKinds).optional(),
  status: z.enum(gridStatuses).default("active"),
  staffed: boolQuery.optional(),
  /** Only the grids the signed-in user serves as a grid worker (the map highlights and zooms to them). */
  mine: boolQuery.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type GridListQuery = z.infer<typeof gridListQuery>;

export const gridWorkerListQuery = z.strictObject({
  region: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

export const gridImportMapping = z.strictObject({
  code: z.string().max(64).optional(),
  name: z.string().min(1).max(64),
  kind: z.string().max(64).optional(),
  regionCode: z.string().max(64).optional(),
  villageCodes: z.string().max(64).optional(),
});
export type GridImportMapping = z.infer<typeof gridImportMapping>;

export const importModes = ["all_or_nothing", "keep_good"] as const;
export type ImportMode = (typeof importModes)[number];
