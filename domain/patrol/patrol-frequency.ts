/**
 * How often a site is patrolled (R22), with its labels. Kept apart from the plan's zod schema so the phone
 * app can name frequencies without bundling zod.
 */
export const patrolFrequencies = [
  "weekly",
  "fortnightly",
  "monthly",
  "quarterly",
  "half_yearly",
  "yearly",
] as const;
export type PatrolFrequency = (typeof patrolFrequencies)[number];

export const patrolFrequencyLabel: Record<PatrolFrequency, { zh: string; en: string }> = {
  weekly: { zh: "每周一次", en: "Weekly" },
  fortnightly: { zh: "每两周一次", en: "Fortnightly" },
  monthly: { zh: "每月一次", en: "Monthly" },
  quarterly: { zh: "每季度一次", en: "Quarterly" },
  half_yearly: { zh: "每半年一次", en: "Half-yearly" },
  yearly: { zh: "每年一次", en: "Yearly" },
};
