import { z } from "zod";
import { AppError } from "../errors";
import { subjectLevels } from "./indicator";
import { indicatorById } from "./indicator-catalogue";

/** A scheme's definition (issue 13.4): weighted indicators with rules, and manual items scored with evidence. */
const num = z.number().finite();
export const scoringRule = z.discriminatedUnion("kind", [
  z
    .strictObject({ kind: z.literal("linear"), floor: num, target: num })
    .refine((r) => r.floor !== r.target, { error: "线性规则的下限与目标值不能相同", path: ["target"] }),
  z.strictObject({
    kind: z.literal("threshold"),
    direction: z.enum(["higher", "lower"]).default("higher"),
    steps: z
      .array(z.strictObject({ bound: num, percent: z.number().min(0).max(100) }))
      .min(1, { error: "分档规则至少一档" })
      .max(10),
  }),
  z.strictObject({
    kind: z.literal("deduction"),
    perEvent: z.number().positive({ error: "每件扣分须大于 0" }),
    max: z.number().positive().optional(),
  }),
]);

export const schemeIndicator = z.strictObject({
  indicatorId: z.string().min(1).max(60),
  weight: z.number().positive({ error: "权重须大于 0" }).max(100),
  rule: scoringRule,
});
export const manualItem = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "人工评分项编号为小写字母、数字、下划线" }),
  zh: z.string().trim().min(1, { error: "请填写人工评分项名称" }).max(60),
  maxPoints: z.number().positive({ error: "人工评分项分值须大于 0" }).max(100),
});

export const schemeInput = z.strictObject({
  name: z.string().trim().min(1, { error: "请填写考核方案名称" }).max(80),
  /** The office's region (city 4 or county 6 digits): the subjects are the level below inside it. */
  regionCode: z
    .string()
    .regex(/^\d{4}(\d{2})?$/, { error: "考核方案须由市州或县区制定（4 或 6 位区划代码）" }),
  level: z.enum(subjectLevels, { error: "考核对象须为 township、grid_worker 或 department" }),
  indicators: z.array(schemeIndicator).max(20),
  manualItems: z.array(manualItem).max(10).default([]),
});
export type SchemeInput = z.output<typeof schemeInput>;
export type SchemeDefinition = Pick<SchemeInput, "level" | "indicators" | "manualItems">;

/**
 * The checks zod cannot say alone, with their own codes: weights (indicators plus manual items) add up to
 * 100 (422 `weights_not_100`), every indicator exists and fits the level (422 `unknown_indicator`), no
 * indicator or manual item twice.
 */
export function checkScheme(s: SchemeDefinition): void {
  const sum =
    Math.round(
      (s.indicators.reduce((t, i) => t + i.weight, 0) + s.manualItems.reduce((t, m) => t + m.maxPoints, 0)) *
        100,
    ) / 100;
  if (sum !== 100)
    throw new AppError("weights_not_100", {
      status: 422,
      zh: `各指标权重与人工评分项分值之和须为 100，现为 ${sum}`,
      en: `Indicator weights and manual items must add up to 100; they add up to ${sum}`,
      details: { sum },
    });
  for (const i of s.indicators) {
    const def = indicatorById.get(i.indicatorId);
    if (!def)
      throw new AppError("unknown_indicator", {
        status: 422,
        zh: `没有这个指标：${i.indicatorId}`,
        en: `Unknown indicator: ${i.indicatorId}`,
        details: { indicatorId: i.indicatorId, known: [...indicatorById.keys()] },
      });
    if (!def.levels.includes(s.level))
      throw new AppError("unknown_indicator", {
        status: 422,
        zh: `指标“${def.zh}”不适用于此考核对象`,
        en: `Indicator ${def.en} does not apply to this level`,
        details: { indicatorId: i.indicatorId, levels: def.levels },
      });
  }
  const ids = [...s.indicators.map((i) => i.indicatorId), ...s.manualItems.map((m) => m.id)];
  const dup = ids.find((id, n) => ids.indexOf(id) !== n);
  if (dup)
    throw new AppError("validation_failed", {
      status: 422,
      zh: `指标或人工评分项重复：${dup}`,
      en: `Indicator or manual item listed twice: ${dup}`,
    });
  if (ids.length === 0)
    throw new AppError("validation_failed", {
      status: 422,
      zh: "方案至少包含一个指标",
      en: "A scheme needs an item",
    });
}
