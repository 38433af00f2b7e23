import { z } from "zod";
import { tipKindCodes } from "./tip-kinds";

const countyCode = z.string({ error: "请选择县区" }).regex(/^\d{6}$/, { error: "须为县区代码" });
const name = z
  .string({ error: "请填写名称" })
  .trim()
  .min(2, { error: "名称至少 2 个字" })
  .max(60, { error: "名称不能超过 60 个字" });

/** An Open311 client: a name and the county whose tips it may file. */
export const open311ClientInput = z.strictObject({ countyCode, name });

/** A forwarding platform (12345 hotline): also the callback URL its status updates go to. */
export const platformInput = z.strictObject({
  countyCode,
  name,
  callbackUrl: z
    .string({ error: "请填写回调地址" })
    .trim()
    .min(1, { error: "请填写回调地址" })
    .max(500, { error: "地址过长" }),
});

/** A county's mapping of a platform's category text to a tip kind. */
export const categoryMapInput = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        categoryText: z
          .string({ error: "请填写平台的分类名称" })
          .trim()
          .min(1, { error: "请填写平台的分类名称" })
          .max(100, { error: "分类名称过长" }),
        kind: z.enum(tipKindCodes, { error: "请选择问题类型" }),
      }),
    )
    .max(500, { error: "最多 500 条" }),
});

/**
 * A work order forwarded by the 12345 hotline or another platform: its own number, category text,
 * description, address, coordinates if any (GCJ-02 or WGS-84 as the platform sends; stored as given), and
 * the caller's contact (a protected identity).
 */
export const workOrderInput = z.strictObject({
  number: z
    .string({ error: "缺少工单编号" })
    .trim()
    .min(1, { error: "缺少工单编号" })
    .max(64, { error: "工单编号过长" }),
  category: z.string({ error: "缺少分类" }).trim().max(100, { error: "分类过长" }),
  description: z
    .string({ error: "请描述问题" })
    .trim()
    .min(5, { error: "问题描述至少 5 个字" })
    .max(4000, { error: "问题描述不能超过 4000 个字" }),
  address: z.string().trim().max(200, { error: "地址不能超过 200 个字" }).optional(),
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  caller: z
    .strictObject({
      name: z.string().trim().min(1).max(40),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+\-() ]{5,20}$/, { error: "来电号码格式不正确" }),
    })
    .optional(),
  receivedAt: z.iso.datetime({ offset: true, error: "受理时间格式不正确" }).optional(),
});
export type WorkOrderInput = z.output<typeof workOrderInput>;
