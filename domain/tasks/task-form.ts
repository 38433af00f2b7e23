import { z } from "zod";

/**
 * A task kind's form as data (R17): the fields a county office defines for its own grid-worker tasks, and
 * the ONE builder that turns them into the zod schema a record's values are checked with — on the phone
 * before the record goes into the outbox, and on the server when it arrives.
 */
export const taskFieldTypes = ["text", "number", "select", "date", "boolean"] as const;
export type TaskFieldType = (typeof taskFieldTypes)[number];

export const taskFieldTypeLabel: Record<TaskFieldType, { zh: string; en: string }> = {
  text: { zh: "文字", en: "Text" },
  number: { zh: "数字", en: "Number" },
  select: { zh: "选项", en: "Choice" },
  date: { zh: "日期", en: "Date" },
  boolean: { zh: "是/否", en: "Yes/no" },
};

const label = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

export const taskField = z.strictObject({
  key: z.string({ error: "请填写字段标识" }).regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, {
    error: "字段标识须以小写字母开头，由字母、数字、下划线组成（≤32 位）",
  }),
  label: z.strictObject({ zh: label("字段名称", 40), en: z.string().trim().max(60).optional() }),
  type: z.enum(taskFieldTypes, { error: "字段类型须为 文字、数字、选项、日期 或 是/否" }),
  required: z.boolean({ error: "是否必填须为 true 或 false" }).default(false),
  options: z
    .array(label("选项", 40), { error: "选项须为文字列表" })
    .min(1, { error: "选项字段至少要有一个选项" })
    .max(30, { error: "选项最多 30 个" })
    .optional(),
});
export type TaskField = z.output<typeof taskField>;

/** A kind's fields: 1–30, unique keys, options exactly on choice fields and never repeated. */
export const taskFields = z
  .array(taskField, { error: "字段须为列表" })
  .min(1, { error: "至少要有一个字段" })
  .max(30, { error: "字段最多 30 个" })
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: "custom", path: [i, "key"], message: `字段标识重复：${f.key}` });
      seen.add(f.key);
      if (f.type === "select" && !f.options?.length)
        ctx.addIssue({ code: "custom", path: [i, "options"], message: `选项字段“${f.label.zh}”须列出选项` });
      if (f.type !== "select" && f.options)
        ctx.addIssue({ code: "custom", path: [i, "options"], message: `只有选项字段可以列出选项` });
      if (f.options && new Set(f.options).size !== f.options.length)
        ctx.addIssue({ code: "custom", path: [i, "options"], message: `字段“${f.label.zh}”的选项重复` });
    });
  });

const dateText = /^\d{4}-\d{2}-\d{2}$/;

function fieldSchema(f: TaskField): z.ZodType {
  const name = f.label.zh;
  /** A missing value reads "please fill in", a wrong one names the type. */
  const error = (wrong: string) => (iss: { input?: unknown }) =>
    iss.input === undefined || iss.input === null ? `请填写“${name}”` : wrong;
  switch (f.type) {
    case "text": {
      const s = z
        .string({ error: error(`“${name}”须为文字`) })
        .trim()
        .max(2000, { error: `“${name}”不能超过 2000 个字` });
      return f.required ? s.min(1, { error: `请填写“${name}”` }) : s;
    }
    case "number":
      return z
        .number({ error: error(`“${name}”须为数字`) })
        .min(-1e9, { error: `“${name}”数值过小` })
        .max(1e9, { error: `“${name}”数值过大` });
    case "select": {
      const options = (f.options ?? []) as [string, ...string[]];
      return z.enum(options, { error: error(`“${name}”须为以下之一：${options.join("、")}`) });
    }
    case "date":
      return z
        .string({ error: error(`“${name}”须为日期`) })
        .regex(dateText, { error: `“${name}”须为日期（年-月-日）` })
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: `“${name}”不是有效日期` });
    case "boolean":
      return z.boolean({ error: error(`“${name}”须为 是 或 否`) });
  }
}

/**
 * The zod schema of a record's values for these fields: one key per field, unknown keys refused, required
 * fields present (an empty text counts as missing), each value of its field's type.
 */
export function taskValuesSchema(fields: readonly TaskField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f.key] = f.required ? fieldSchema(f) : fieldSchema(f).optional();
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `表单中没有这些字段：${(iss.keys as string[]).join("、")}`
        : "填写内容须为对象",
  });
}
