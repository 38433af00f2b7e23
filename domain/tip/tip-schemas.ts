import { z } from "zod";
import { locationInput } from "../case/case-schemas";
import { tipKindCodes } from "./tip-kinds";

/** Photos per tip, and bytes per photo. */
export const maxTipPhotos = 6;
export const maxTipPhotoBytes = 8 * 1024 * 1024;

const phone = z
  .string({ error: "请填写手机号码" })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: "手机号码须为 11 位数字" });

/** The fields of a tip (sent as multipart fields next to the photos; `location` as JSON text). */
export const tipInput = z
  .strictObject(
    {
      kind: z.enum(tipKindCodes, { error: "请选择问题类型" }),
      description: z
        .string({ error: "请描述问题" })
        .trim()
        .min(5, { error: "问题描述至少 5 个字" })
        .max(2000, { error: "问题描述不能超过 2000 个字" }),
      regionCode: z.string({ error: "请选择所在乡镇（街道）" }).regex(/^\d{9}(\d{3})?$/, {
        error: "请选择所在乡镇（街道）",
      }),
      address: z.string().trim().max(200, { error: "地址不能超过 200 个字" }).optional(),
      location: locationInput.optional(),
      happenedAt: z.iso.datetime({ offset: true, error: "发生时间格式不正确" }).optional(),
      anonymous: z.boolean({ error: "请选择是否匿名" }),
      name: z.string().trim().min(2, { error: "请填写真实姓名" }).max(40, { error: "姓名过长" }).optional(),
      phone: phone.optional(),
      challenge: z.string({ error: "缺少验证信息，请刷新页面" }).min(10).max(400),
      nonce: z.string({ error: "缺少验证信息，请刷新页面" }).regex(/^\d{1,12}$/, { error: "验证信息无效" }),
    },
    { error: "请求内容须为对象" },
  )
  .refine((v) => v.anonymous || (v.name !== undefined && v.phone !== undefined), {
    error: "实名举报须填写姓名和手机号码",
    path: ["name"],
  })
  .refine((v) => v.address !== undefined || v.location !== undefined, {
    error: "请在地图上标注位置或填写地址、场所名称",
    path: ["address"],
  });
export type TipInput = z.output<typeof tipInput>;

/** A tracking code: 32 characters of base32 (160 bits), shown in groups of four. */
export const trackingCode = z
  .string({ error: "请输入查询码" })
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{32}$/, { error: "查询码不正确" }));

export const trackInput = z.strictObject({ code: trackingCode });
export const informantMessageInput = z.strictObject({
  code: trackingCode,
  body: z
    .string({ error: "请填写内容" })
    .trim()
    .min(2, { error: "内容至少 2 个字" })
    .max(1000, { error: "内容不能超过 1000 个字" }),
});
export const notFixedInput = z.strictObject({
  code: trackingCode,
  body: z.string().trim().max(1000, { error: "内容不能超过 1000 个字" }).optional(),
});
export const officialReplyInput = z.strictObject({
  body: z
    .string({ error: "请填写回复" })
    .trim()
    .min(2, { error: "回复至少 2 个字" })
    .max(1000, { error: "回复不能超过 1000 个字" }),
});

/** Reading an informant's identity needs a stated reason (recorded in the trail, sent to the supervisor). */
export const identityReadInput = z.strictObject({
  reason: z
    .string({ error: "请填写查看事由" })
    .trim()
    .min(5, { error: "查看事由至少 5 个字" })
    .max(500, { error: "查看事由不能超过 500 个字" }),
});
