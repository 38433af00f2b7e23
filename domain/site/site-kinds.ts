/**
 * Vocabularies of a site (监督管理对象): kind, ownership, scale, risk level and status,
 * each with Chinese and English labels. Kinds follow notice 四(五): enterprises, the "three smalls"
 * (三小场所) and households.
 */
type Label = { zh: string; en: string };

export const siteKinds = [
  "enterprise",
  "small_shop",
  "small_workshop",
  "small_entertainment",
  "household",
  "other",
] as const;
export type SiteKind = (typeof siteKinds)[number];

export const siteKindLabel: Record<SiteKind, Label> = {
  enterprise: { zh: "企业", en: "Enterprise" },
  small_shop: { zh: "小商铺", en: "Small shop" },
  small_workshop: { zh: "小作坊", en: "Small workshop" },
  small_entertainment: { zh: "小娱乐场所", en: "Small entertainment venue" },
  household: { zh: "家庭户", en: "Household" },
  other: { zh: "其他", en: "Other" },
};

/** The "three smalls" (三小场所) of notice 四(五). */
export const threeSmalls: readonly SiteKind[] = ["small_shop", "small_workshop", "small_entertainment"];

/** Ownership as far as direct supervision (R4, notice 四(二)) cares. */
export const ownerships = ["central_soe", "provincial_soe", "municipal_soe", "other"] as const;
export type Ownership = (typeof ownerships)[number];

export const ownershipLabel: Record<Ownership, Label> = {
  central_soe: { zh: "中央在甘企业", en: "Central state-owned enterprise" },
  provincial_soe: { zh: "省属国有企业", en: "Provincial state-owned enterprise" },
  municipal_soe: { zh: "市属国有企业", en: "Municipal state-owned enterprise" },
  other: { zh: "其他", en: "Other" },
};

/** State-owned ownerships that are supervised directly by default (notice 四(二)). */
export const stateOwnedOwnerships: readonly Ownership[] = ["central_soe", "provincial_soe", "municipal_soe"];

/** Enterprise scale per 统计上大中小微型企业划分办法. */
export const siteScales = ["large", "medium", "small", "micro"] as const;
export type SiteScale = (typeof siteScales)[number];

export const siteScaleLabel: Record<SiteScale, Label> = {
  large: { zh: "大型", en: "Large" },
  medium: { zh: "中型", en: "Medium" },
  small: { zh: "小型", en: "Small" },
  micro: { zh: "微型", en: "Micro" },
};

/** Four-colour safety risk levels (安全风险四色分级), highest first. */
export const riskLevels = ["red", "orange", "yellow", "blue"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskLevelLabel: Record<RiskLevel, Label> = {
  red: { zh: "重大风险", en: "Major risk" },
  orange: { zh: "较大风险", en: "Considerable risk" },
  yellow: { zh: "一般风险", en: "General risk" },
  blue: { zh: "低风险", en: "Low risk" },
};

/** Map and badge colours of the four risk levels (CSS hex). */
export const riskLevelColor: Record<RiskLevel, string> = {
  red: "#f5222d",
  orange: "#fa8c16",
  yellow: "#fadb14",
  blue: "#1677ff",
};

export const siteStatuses = ["operating", "suspended", "closed"] as const;
export type SiteStatus = (typeof siteStatuses)[number];

export const siteStatusLabel: Record<SiteStatus, Label> = {
  operating: { zh: "在营", en: "Operating" },
  suspended: { zh: "停产停业", en: "Suspended" },
  closed: { zh: "已关闭", en: "Closed" },
};

const has = (list: readonly string[], v: unknown): boolean => typeof v === "string" && list.includes(v);
export const isSiteKind = (v: unknown): v is SiteKind => has(siteKinds, v);
export const isOwnership = (v: unknown): v is Ownership => has(ownerships, v);
export const isSiteScale = (v: unknown): v is SiteScale => has(siteScales, v);
export const isRiskLevel = (v: unknown): v is RiskLevel => has(riskLevels, v);
export const isSiteStatus = (v: unknown): v is SiteStatus => has(siteStatuses, v);
