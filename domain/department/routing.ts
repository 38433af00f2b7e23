/**
 * R2: every site maps to exactly one regulator department by "三管三必须" (管行业必须管安全、
 * 管业务必须管安全、管生产经营必须管安全): the site's industry, and where that is not enough its
 * kind, decide the department. The table is data a locality edits; `defaultRoutingRules` is the
 * table a new installation starts with.
 */
import { z } from "zod";
import { isRegionCode } from "../region/region-code";
import { industryLabel, industrySection, isIndustryCode } from "../site/industry";
import { type SiteKind, siteKindLabel, siteKinds } from "../site/site-kinds";
import { type DepartmentKind, departmentKindLabel, departmentKinds } from "./department-kinds";

export interface RoutingRule {
  id: string;
  /** Region-code prefix the rule applies in; '' = everywhere. */
  regionPrefix: string;
  /** A section letter (门类) or a digit prefix (division, group or class); null = any industry. */
  industryPrefix: string | null;
  /** Only sites of this kind; null = any kind. */
  siteKind: SiteKind | null;
  departmentKind: DepartmentKind;
  /** Breaks ties between equally specific rules: higher wins. */
  priority: number;
  note: string;
}

export interface RoutableSite {
  regionCode: string;
  industryCode: string | null;
  kind: SiteKind;
}

export interface RoutingResult {
  departmentKind: DepartmentKind;
  rule: RoutingRule;
  explanation: { zh: string; en: string };
}

/** True when `rule` applies to `site`. A letter prefix matches every code of that section. */
export function ruleMatches(rule: RoutingRule, site: RoutableSite): boolean {
  if (!site.regionCode.startsWith(rule.regionPrefix)) return false;
  if (rule.siteKind !== null && rule.siteKind !== site.kind) return false;
  const prefix = rule.industryPrefix;
  if (prefix === null) return true;
  const code = site.industryCode;
  if (code === null || !isIndustryCode(code)) return false;
  if (/^[A-Z]$/.test(prefix)) return industrySection(code) === prefix;
  return /^\d+$/.test(code) && code.startsWith(prefix);
}

/** Specificity of an industry prefix: none 0, section letter 1, digits by their count (2–4). */
const industryRank = (prefix: string | null): number => (prefix === null ? 0 : prefix.length);

/**
 * Orders rules most specific first: longer region prefix, then longer industry prefix (a section
 * letter is coarser than any digit prefix), then a rule naming a site kind, then higher priority,
 * then id (ascending). The order is total, so routing is deterministic whatever the input order.
 */
export function compareRules(a: RoutingRule, b: RoutingRule): number {
  return (
    b.regionPrefix.length - a.regionPrefix.length ||
    industryRank(b.industryPrefix) - industryRank(a.industryPrefix) ||
    Number(b.siteKind !== null) - Number(a.siteKind !== null) ||
    b.priority - a.priority ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The department responsible for `site` and the rule that decided it, or null if no rule matches. */
export function routeSite(rules: readonly RoutingRule[], site: RoutableSite): RoutingResult | null {
  let best: RoutingRule | null = null;
  for (const rule of rules) {
    if (ruleMatches(rule, site) && (best === null || compareRules(rule, best) < 0)) best = rule;
  }
  if (!best) return null;
  return { departmentKind: best.departmentKind, rule: best, explanation: explainRule(best, site) };
}

/** The region a rule's prefix names, in words a user reads (the site lies in it): 本省, 本市, 本县（区）… */
const regionWord = (prefix: string): { zh: string; en: string } =>
  prefix.length <= 2
    ? { zh: "本省", en: "this province" }
    : prefix.length <= 4
      ? { zh: "本市（州）", en: "this city" }
      : prefix.length <= 6
        ? { zh: "本县（区）", en: "this county" }
        : prefix.length <= 9
          ? { zh: "本乡镇（街道）", en: "this township" }
          : { zh: "本村（社区）", en: "this village" };

/**
 * The name a person reads for a rule (never its id, e.g. `default-5265`): its note when it has one
 * (加油站等机动车燃油零售由商务部门监管), else what it covers and who supervises (机动车燃油零售 → 应急管理局).
 */
export function routingRuleName(rule: RoutingRule): { zh: string; en: string } {
  const dept = departmentKindLabel[rule.departmentKind];
  const what =
    rule.industryPrefix !== null
      ? industryLabel(rule.industryPrefix)
      : rule.siteKind !== null
        ? siteKindLabel[rule.siteKind]
        : { zh: "其他对象", en: "Other sites" };
  const generated = {
    zh: `${what?.zh ?? rule.industryPrefix}→${dept.zh}`,
    en: `${what?.en ?? rule.industryPrefix} → ${dept.en}`,
  };
  return rule.note ? { zh: rule.note, en: generated.en } : generated;
}

/** Says, in Chinese and English, which rule (by name) decided and on what grounds. */
export function explainRule(rule: RoutingRule, site: RoutableSite): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const where = regionWord(rule.regionPrefix);
  zh.push(rule.regionPrefix ? `适用于${where.zh}` : "适用全部地区");
  en.push(rule.regionPrefix ? `applies in ${where.en}` : "applies everywhere");
  if (rule.industryPrefix !== null) {
    const label = industryLabel(rule.industryPrefix);
    const siteLabel = site.industryCode ? industryLabel(site.industryCode) : null;
    zh.push(`行业“${siteLabel?.zh ?? site.industryCode}”属于“${label?.zh ?? rule.industryPrefix}”`);
    en.push(`industry ${siteLabel?.en ?? site.industryCode} falls under ${label?.en ?? rule.industryPrefix}`);
  }
  if (rule.siteKind !== null) {
    zh.push(`对象类型为${siteKindLabel[rule.siteKind].zh}`);
    en.push(`the site is a ${siteKindLabel[rule.siteKind].en.toLowerCase()}`);
  }
  if (rule.industryPrefix === null && rule.siteKind === null) {
    zh.push("无更具体的规则（兜底规则）");
    en.push("no more specific rule (fallback)");
  }
  const dept = departmentKindLabel[rule.departmentKind];
  const name = routingRuleName(rule);
  return {
    zh: `依据分工规则“${name.zh}”：${zh.join("，")}，由${dept.zh}负责安全监管`,
    en: `Rule "${name.en}": ${en.join(", ")}; supervised by the ${dept.en}.`,
  };
}

const regionPrefixSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || isRegionCode(v), { message: "地区前缀须为空（全部地区）或有效的行政区划代码" });

const ruleFields = {
  regionPrefix: regionPrefixSchema,
  industryPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isIndustryCode, { message: "行业代码无效：须为门类字母 A–T 或存在的 2–4 位行业代码" })
    .nullable(),
  siteKind: z.enum(siteKinds, { message: "对象类型无效" }).nullable(),
  departmentKind: z.enum(departmentKinds, { message: "监管部门类型无效" }),
  priority: z.number().int().min(-1000).max(1000),
  note: z.string().trim().max(200),
};

/** Input schema of a routing rule as a user edits it (the id is assigned by the server). */
export const routingRuleInput = z.object({
  ...ruleFields,
  regionPrefix: ruleFields.regionPrefix.default(""),
  industryPrefix: ruleFields.industryPrefix.default(null),
  siteKind: ruleFields.siteKind.default(null),
  priority: ruleFields.priority.default(0),
  note: ruleFields.note.default(""),
});
/**
 * A change to a rule: only the fields sent (no defaults, which would silently move the rule to every
 * region and clear its industry, kind, priority and note).
 */
export const routingRulePatch = z.strictObject(ruleFields).partial();
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;

export { defaultRoutingRules } from "./default-routing-rules";
