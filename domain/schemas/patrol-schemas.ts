import { z } from "zod";
import { fieldItemBase } from "./field-schemas";

/** A patrol check-in from the phone (FIELD-CONTRACT.md): the common field part plus the site and a note. */
export const patrolCheckInInput = z.strictObject(
  {
    ...fieldItemBase,
    siteId: z.string({ error: "请选择场所" }).trim().min(1, { error: "请选择场所" }).max(64),
    note: z.string({ error: "备注须为文字" }).trim().max(500, { error: "备注最多 500 字" }).optional(),
  },
  { error: "巡查记录格式不正确" },
);
export type PatrolCheckInInput = z.infer<typeof patrolCheckInInput>;
