/**
 * The flags of a field record and their labels, without zod, so the phone's bundle can show them
 * (web/field) while the schemas stay in field-schemas.ts (which re-exports these).
 */
export const fieldFlags = [
  "far_from_site",
  "poor_accuracy",
  "mock_location",
  "clock_skew",
  "no_location",
] as const;
export type FieldFlag = (typeof fieldFlags)[number];

export const fieldFlagLabel: Record<FieldFlag, { zh: string; en: string }> = {
  far_from_site: { zh: "距场所过远", en: "Far from the site" },
  poor_accuracy: { zh: "定位精度差", en: "Poor location accuracy" },
  mock_location: { zh: "疑似模拟定位", en: "Mock location" },
  clock_skew: { zh: "手机时间与服务器相差过大", en: "Phone clock far off server time" },
  no_location: { zh: "未记录位置", en: "No location" },
};
