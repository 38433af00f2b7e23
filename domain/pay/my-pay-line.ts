/**
 * 我的报酬 (R20): what a grid worker reads of their own line of an approved pay sheet (GET /pay-lines/mine),
 * one type for the server that presents it, the console and the phone app.
 */
export interface RewardItem {
  caseId: string;
  number: string;
  type: string;
  category: string;
  amount: number;
}

/** A type alias (not an interface): Fastify's reply schema wants an object with an index signature. */
export type MyPayLine = {
  id: string;
  month: string;
  version: number;
  approvedAt: string | null;
  employment: "full_time" | "part_time";
  score: number | null;
  base: number;
  /** null when unavailable (no published assessment for the month), with the reason; never 0. */
  performance: number | null;
  performanceNote: { zh: string; en: string } | null;
  rewards: number;
  rewardCount: number;
  rewardItems: RewardItem[];
  deductions: number;
  missedSites: number;
  total: number;
  bankName: string | null;
  accountMasked: string | null;
  excludedReason: string | null;
};
