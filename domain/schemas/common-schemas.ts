import { z } from "zod";
import { isRegionCode } from "../region/region-code";

export const regionCodeSchema = z
  .string({ error: "请填写行政区划代码" })
  .refine(isRegionCode, { error: "行政区划代码格式不正确（应为 2、4、6、9 或 12 位数字）" });

export const idSchema = z.string().min(1).max(64);
export const idParams = z.strictObject({ id: idSchema });
export const errorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
/** The documented answer of a route that answers 204 with no body. */
export const noContent = z.void().describe("无内容 No content");

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// Validation messages in Simplified Chinese (the console's first language); schemas add their own where it helps.
z.config(z.locales.zhCN());
