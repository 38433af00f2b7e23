import { z } from "zod";
import { type DepartmentKind, departmentKinds } from "../department/department-kinds";
import { type CaseCategories, type CaseCategory, defaultCaseCategories } from "./case-categories";

/**
 * The configurable taxonomy (issue 4): the built-in categories are the defaults everywhere; a province,
 * city or county may add categories, override a built-in or inherited one (same code: its own names or
 * default department kind) or deactivate one for its area. A configured row sets only the fields it
 * names (null = inherit), so a county that deactivates a category keeps the names the province gives it.
 */
export interface CategoryConfig {
  id: string;
  /** Province (2), city (4) or county (6) code. */
  regionPrefix: string;
  code: string;
  zh: string | null;
  en: string | null;
  defaultDepartmentKind: DepartmentKind | null;
  active: boolean | null;
}

export interface EffectiveCategory extends CaseCategory {
  code: string;
  /** Reporting and triage accept only active categories; cases that already use one keep it. */
  active: boolean;
  /** One of the built-in defaults (its per-category time limits apply). */
  builtIn: boolean;
  /** The longest prefix whose row shaped it; null for an untouched built-in. */
  regionPrefix: string | null;
}

/** Region levels a category can be configured at. */
export const categoryRegionLengths = [2, 4, 6] as const;

export const categoryCodePattern = /^[a-z][a-z0-9_]{1,39}$/;

/**
 * The effective taxonomy of a region: built-ins, then the rows of its province, city and county applied
 * in that order (the longest prefix wins field by field). Rows of other regions are ignored. Built-ins
 * keep their order; added categories follow, the province's first, each level in the order given. A row
 * for a code that no higher level defines becomes a category only when it names zh and a department kind.
 */
export function effectiveCategories(
  configs: readonly CategoryConfig[],
  regionCode: string,
  builtIns: CaseCategories = defaultCaseCategories,
): EffectiveCategory[] {
  const byCode = new Map<string, EffectiveCategory>();
  for (const [code, c] of Object.entries(builtIns))
    byCode.set(code, { ...c, code, active: true, builtIn: true, regionPrefix: null });
  const applicable = configs
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => regionCode.startsWith(c.regionPrefix))
    .sort((a, b) => a.c.regionPrefix.length - b.c.regionPrefix.length || a.i - b.i);
  for (const { c } of applicable) {
    const known = byCode.get(c.code);
    if (known) {
      byCode.set(c.code, {
        ...known,
        zh: c.zh ?? known.zh,
        en: c.en ?? known.en,
        defaultDepartmentKind: c.defaultDepartmentKind ?? known.defaultDepartmentKind,
        active: c.active ?? known.active,
        regionPrefix: c.regionPrefix,
      });
    } else if (c.zh && c.defaultDepartmentKind) {
      byCode.set(c.code, {
        code: c.code,
        zh: c.zh,
        en: c.en ?? c.zh,
        defaultDepartmentKind: c.defaultDepartmentKind,
        deadlines: {},
        active: c.active ?? true,
        builtIn: false,
        regionPrefix: c.regionPrefix,
      });
    }
  }
  return [...byCode.values()];
}

/** The taxonomy as a record by code (what `suggestDepartment` and `categoryLabel` take). */
export function categoriesByCode(list: readonly EffectiveCategory[]): Record<string, EffectiveCategory> {
  return Object.fromEntries(list.map((c) => [c.code, c]));
}

/** A case may be reported (or triaged) with an active category of its county's taxonomy. */
export function isReportableCategory(list: readonly EffectiveCategory[], code: string): boolean {
  return list.some((c) => c.code === code && c.active);
}

const name = (max: number, what: string) =>
  z
    .string({ error: `${what}须为文字` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

const fields = {
  zh: name(20, "类别名称"),
  en: name(60, "英文名称"),
  defaultDepartmentKind: z.enum(departmentKinds, { error: "默认负责部门类型不存在" }),
  active: z.boolean({ error: "启用状态须为是或否" }),
};

/**
 * A configured row: for a new category `zh` and `defaultDepartmentKind` are required (checked by the
 * command, which knows what the region inherits); for an override every field is optional.
 */
export const caseCategoryInput = z.strictObject({
  regionPrefix: z
    .string({ error: "请选择适用地区" })
    .regex(/^\d{2}(\d{2})?(\d{2})?$/, { error: "适用地区须为省、市州或县区代码" }),
  code: z
    .string({ error: "请填写类别代码" })
    .trim()
    .regex(categoryCodePattern, { error: "类别代码须为小写字母开头的字母、数字或下划线（2–40 位）" }),
  zh: fields.zh.nullable().optional(),
  en: fields.en.nullable().optional(),
  defaultDepartmentKind: fields.defaultDepartmentKind.nullable().optional(),
  active: fields.active.nullable().optional(),
});
export type CaseCategoryInput = z.output<typeof caseCategoryInput>;

/** A change of a configured row: the fields it sets (null = inherit again). */
export const caseCategoryPatch = z.strictObject({
  zh: fields.zh.nullable().optional(),
  en: fields.en.nullable().optional(),
  defaultDepartmentKind: fields.defaultDepartmentKind.nullable().optional(),
  active: fields.active.nullable().optional(),
});
export type CaseCategoryPatch = z.output<typeof caseCategoryPatch>;

/**
 * What is wrong with a region's taxonomy once `row` is applied: a new code without a name or department
 * kind, or a name that another category of the region already has. Null when it is fine.
 */
export function categoryConfigProblem(
  inherited: readonly EffectiveCategory[],
  row: Pick<CategoryConfig, "code" | "zh" | "defaultDepartmentKind">,
): { path: string; zh: string; en: string } | null {
  const known = inherited.find((c) => c.code === row.code);
  if (!known && !row.zh)
    return { path: "zh", zh: "新增类别须填写类别名称", en: "A new category needs a name" };
  if (!known && !row.defaultDepartmentKind)
    return {
      path: "defaultDepartmentKind",
      zh: "新增类别须选择默认负责部门类型",
      en: "A new category needs a default department kind",
    };
  const zh = row.zh ?? known?.zh;
  const clash = inherited.find((c) => c.code !== row.code && c.zh === zh);
  if (clash)
    return {
      path: "zh",
      zh: `类别名称与已有类别「${clash.zh}」（${clash.code}）重复`,
      en: `The name is already used by ${clash.code}`,
    };
  return null;
}
