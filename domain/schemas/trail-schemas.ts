import { z } from "zod";

const instant = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "时间格式不正确（ISO 8601）" })
  .transform((v) => new Date(Date.parse(v)).toISOString())
  .optional();

/** Filters of the trail browser and its export (`actor`: username or user id; `from` inclusive, `to` exclusive). */
export const trailFilterFields = {
  actor: z.string().trim().min(1).max(64).optional(),
  subjectType: z
    .string()
    .regex(/^[a-z_]{1,40}$/, { error: "对象类型无效" })
    .optional(),
  subjectId: z.string().trim().min(1).max(64).optional(),
  action: z
    .string()
    .regex(/^[a-z_]{1,40}\.[a-z_]{1,40}$/, { error: "事件类型无效" })
    .optional(),
  from: instant,
  to: instant,
};

export const trailBrowseQuery = z.strictObject({
  ...trailFilterFields,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TrailBrowseQuery = z.infer<typeof trailBrowseQuery>;
/** The filter part of a trail query (the server's query and the console's form share it). */
export type TrailFilter = Omit<TrailBrowseQuery, "page" | "pageSize">;
