import type { CaseType } from "../case/case-types";

/**
 * What a member of the public can report, in plain words (R28). Each kind maps to the case type and the
 * industry category the triager starts from; the triager corrects both at triage.
 */
export const tipKinds = {
  fire_exit: {
    zh: "消防通道堵塞、灭火器缺失等消防问题",
    en: "Fire safety",
    category: "fire",
    type: "general_hazard",
  },
  gas: { zh: "燃气泄漏、违规使用燃气", en: "Gas", category: "gas", type: "general_hazard" },
  chemicals: {
    zh: "危险化学品违规储存、运输",
    en: "Hazardous chemicals",
    category: "hazardous_chemicals",
    type: "violation",
  },
  fireworks: {
    zh: "非法生产、销售烟花爆竹",
    en: "Illegal fireworks",
    category: "fireworks",
    type: "violation",
  },
  building_site: {
    zh: "工地施工不安全",
    en: "Unsafe building site",
    category: "construction",
    type: "general_hazard",
  },
  self_built: {
    zh: "自建房私自加层、改结构",
    en: "Self-built housing",
    category: "self_built_housing",
    type: "general_hazard",
  },
  illegal_production: {
    zh: "无证或违法生产经营",
    en: "Illegal production",
    category: "industry_trade",
    type: "violation",
  },
  workplace: {
    zh: "工厂、作坊安全隐患",
    en: "Unsafe workplace",
    category: "industry_trade",
    type: "general_hazard",
  },
  small_venue: {
    zh: "小商店、小作坊、小餐饮隐患",
    en: "Small shops and eateries",
    category: "three_smalls",
    type: "general_hazard",
  },
  concealed_accident: { zh: "瞒报事故", en: "Concealed accident", category: "other", type: "accident" },
  other: { zh: "其他安全问题", en: "Other", category: "other", type: "other" },
} as const satisfies Record<string, { zh: string; en: string; category: string; type: CaseType }>;

export type TipKind = keyof typeof tipKinds;
export const tipKindCodes = Object.keys(tipKinds) as [TipKind, ...TipKind[]];
