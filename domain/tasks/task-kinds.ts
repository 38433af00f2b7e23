import { z } from "zod";
import { fieldItemBase } from "../schemas/field-schemas";
import { type TaskField, taskFields } from "./task-form";

/** A task kind as the phone and the console see it (`GET /api/v1/task-kinds`). */
export type TaskKind = {
  code: string;
  zh: string;
  en: string;
  builtIn: boolean;
  /** The county that defined it (null for the built-in kinds, which every county has). */
  regionCode: string | null;
  /** Bumped by every edit; a record is checked against the version it was filled on. */
  version: number;
  /** At least this many photos (evidence ids) with a record. */
  minPhotos: number;
  fields: TaskField[];
  status: "active" | "retired";
};

const builtIn = (k: Omit<TaskKind, "builtIn" | "regionCode" | "version" | "status">): TaskKind => ({
  ...k,
  builtIn: true,
  regionCode: null,
  version: 1,
  status: "active",
});

/** 宣传 (R16) and 协助检查 (R14): every county has them; they cannot be edited or retired. */
export const builtInTaskKinds: readonly TaskKind[] = [
  builtIn({
    code: "outreach",
    zh: "安全宣传",
    en: "Safety outreach",
    minPhotos: 1,
    fields: [
      { key: "place", label: { zh: "宣传地点", en: "Place" }, type: "text", required: true },
      {
        key: "audience",
        label: { zh: "宣传对象", en: "Audience" },
        type: "select",
        required: true,
        options: ["企业从业人员", "居民群众", "学生", "商户经营者", "其他"],
      },
      { key: "headcount", label: { zh: "参加人数", en: "Headcount" }, type: "number", required: true },
      { key: "topic", label: { zh: "宣传主题", en: "Topic" }, type: "text", required: true },
    ],
  }),
  builtIn({
    code: "assistance",
    zh: "协助部门检查",
    en: "Assistance to an inspection",
    minPhotos: 0,
    fields: [
      { key: "department", label: { zh: "检查部门", en: "Department" }, type: "text", required: true },
      { key: "site", label: { zh: "检查场所", en: "Site" }, type: "text", required: true },
      { key: "done", label: { zh: "协助内容", en: "What was done" }, type: "text", required: true },
    ],
  }),
];
export const builtInCodes = builtInTaskKinds.map((k) => k.code);

const kindName = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

/** A county's own kind, as an office defines it. */
export const taskKindInput = z.strictObject({
  regionCode: z.string({ error: "请选择县区" }).regex(/^\d{6}$/, { error: "须为 6 位县区代码" }),
  code: z
    .string({ error: "请填写任务类型标识" })
    .regex(/^[a-z][a-z0-9_]{1,31}$/, {
      error: "任务类型标识须以小写字母开头，由小写字母、数字、下划线组成（2–32 位）",
    })
    .refine((c) => !builtInCodes.includes(c), { error: "该标识已被内置任务类型使用" }),
  zh: kindName("任务类型名称", 40),
  en: z.string().trim().max(60).optional(),
  minPhotos: z
    .number()
    .int()
    .min(0, { error: "照片数不能为负" })
    .max(9, { error: "最多要求 9 张照片" })
    .default(0),
  fields: taskFields,
});
export type TaskKindInput = z.output<typeof taskKindInput>;

/** An edit: a new version of the form (records filled on the old version stay valid against it). */
export const taskKindUpdate = z.strictObject({
  zh: kindName("任务类型名称", 40).optional(),
  en: z.string().trim().max(60).optional(),
  minPhotos: z.number().int().min(0).max(9).optional(),
  fields: taskFields.optional(),
  /** Retire (停用) or bring back. */
  status: z.enum(["active", "retired"], { error: "状态须为 active 或 retired" }).optional(),
  /** The version the office edited (a stale one → 409 conflict). */
  version: z.number({ error: "请提供版本号" }).int().min(1),
});

/** A task record from the phone (through the outbox; idempotent on `id`). */
export const taskRecordInput = z.strictObject({
  ...fieldItemBase,
  kindCode: z.string({ error: "请选择任务类型" }).trim().min(1, { error: "请选择任务类型" }).max(40),
  /** The version of the kind's form the phone filled (default: the current one). */
  kindVersion: z.number().int().min(1).optional(),
  siteId: z.string().trim().min(1).max(64).optional(),
  values: z.record(z.string(), z.unknown(), { error: "填写内容须为对象" }),
});
export type TaskRecordInput = z.output<typeof taskRecordInput>;
