import type { DepartmentKind } from "../department/department-kinds";
import type { CaseStage } from "./case-types";
import type { DeadlineSpec } from "./deadline-rules";

/**
 * Default category taxonomy (行业类别). Each category names the kind of department whose remit it is
 * ("三管三必须": the industry decides the regulator) and the stage time limits where it differs from the
 * general rules (see deadline-rules). Counties may configure their own; keep it short (about 20).
 * Department kinds are those of domain/department/department-kinds (a site's own regulator comes from the
 * routing table; the category's kind is the suggestion when a case has no site or is returned).
 */
export interface CaseCategory {
  zh: string;
  en: string;
  defaultDepartmentKind: DepartmentKind;
  /** Stage time limits that differ from the general rules (applied to every case type without its own rule). */
  deadlines: Partial<Record<CaseStage, DeadlineSpec>>;
}

const days = (amount: number): DeadlineSpec => ({ unit: "working_days", amount });
const hours = (amount: number): DeadlineSpec => ({ unit: "working_hours", amount });

export const defaultCaseCategories = {
  fire: {
    zh: "消防安全",
    en: "Fire safety",
    defaultDepartmentKind: "fire",
    deadlines: { handling: days(5) },
  },
  gas: {
    zh: "城镇燃气",
    en: "Gas",
    defaultDepartmentKind: "housing",
    deadlines: { reported: hours(2), dispatched: hours(4), handling: days(3) },
  },
  hazardous_chemicals: {
    zh: "危险化学品",
    en: "Hazardous chemicals",
    defaultDepartmentKind: "emergency",
    deadlines: { reported: hours(2), dispatched: hours(4), handling: days(5) },
  },
  fireworks: {
    zh: "烟花爆竹",
    en: "Fireworks",
    defaultDepartmentKind: "emergency",
    deadlines: { handling: days(3) },
  },
  industry_trade: {
    zh: "工贸行业",
    en: "Industry and trade",
    defaultDepartmentKind: "emergency",
    deadlines: {},
  },
  mining: {
    zh: "非煤矿山",
    en: "Mining",
    defaultDepartmentKind: "emergency",
    deadlines: { handling: days(5) },
  },
  construction: { zh: "建筑施工", en: "Construction", defaultDepartmentKind: "housing", deadlines: {} },
  self_built_housing: {
    zh: "自建房",
    en: "Self-built housing",
    defaultDepartmentKind: "housing",
    deadlines: { handling: days(15) },
  },
  special_equipment: {
    zh: "特种设备",
    en: "Special equipment",
    defaultDepartmentKind: "market",
    deadlines: { handling: days(5) },
  },
  electricity: {
    zh: "电力安全",
    en: "Electricity",
    defaultDepartmentKind: "development_reform",
    deadlines: {},
  },
  road_transport: { zh: "道路运输", en: "Road transport", defaultDepartmentKind: "transport", deadlines: {} },
  three_smalls: {
    zh: "三小场所",
    en: "Three smalls (small shops, workshops, venues)",
    defaultDepartmentKind: "market",
    deadlines: {},
  },
  commerce_venues: {
    zh: "商贸场所",
    en: "Commercial venues",
    defaultDepartmentKind: "commerce",
    deadlines: {},
  },
  culture_tourism_venues: {
    zh: "文化旅游场所",
    en: "Culture and tourism venues",
    defaultDepartmentKind: "culture_tourism",
    deadlines: {},
  },
  schools: { zh: "校园安全", en: "Schools", defaultDepartmentKind: "education", deadlines: {} },
  medical: { zh: "医疗机构", en: "Medical institutions", defaultDepartmentKind: "health", deadlines: {} },
  farm_machinery: {
    zh: "农业机械",
    en: "Farm machinery",
    defaultDepartmentKind: "agriculture",
    deadlines: {},
  },
  geological_hazard: {
    zh: "地质灾害",
    en: "Geological hazards",
    defaultDepartmentKind: "natural_resources",
    deadlines: {},
  },
  water_works: { zh: "水利工程", en: "Water works", defaultDepartmentKind: "water", deadlines: {} },
  civil_explosives: {
    zh: "民用爆炸物品",
    en: "Civil explosives",
    defaultDepartmentKind: "public_security",
    deadlines: { reported: hours(2), handling: days(3) },
  },
  other: { zh: "其他", en: "Other", defaultDepartmentKind: "emergency", deadlines: {} },
} satisfies Record<string, CaseCategory>;

export type DefaultCategoryCode = keyof typeof defaultCaseCategories;
export type CaseCategories = Record<string, CaseCategory>;

export function categoryLabel(categories: CaseCategories, code: string): { zh: string; en: string } {
  const c = categories[code];
  return c ? { zh: c.zh, en: c.en } : { zh: code, en: code };
}

/**
 * The department to suggest for a category: the first department of the category's default kind that has
 * not already returned or held the case (`exclude`); null when none is left (the lead department decides).
 */
export function suggestDepartment(
  categories: CaseCategories,
  category: string,
  departments: { id: string; kind: string }[],
  exclude: string[] = [],
): string | null {
  const kind = categories[category]?.defaultDepartmentKind;
  if (!kind) return null;
  return departments.find((d) => d.kind === kind && !exclude.includes(d.id))?.id ?? null;
}
