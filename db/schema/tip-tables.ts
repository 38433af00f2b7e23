import type { Generated } from "kysely";

/** A public tip: its case and the hash of its tracking code; no address, browser or device of the sender. */
export interface TipTable {
  id: string;
  /** sha256 hex of the tracking code (the code itself is shown once, to the informant). */
  trackingHash: string;
  caseId: string;
  countyCode: string;
  /** The plain-words category the informant chose (domain/tip/tip-kinds.ts). */
  kind: string;
  address: string | null;
  happenedAt: string | null;
  realName: number;
  createdAt: string;
  /** How it came: the tip page, an Open311 client, or a forwarding platform (12345 hotline). */
  channel: Generated<TipChannel>;
  /** The Open311 client or forwarding platform that sent it. */
  clientId: Generated<string | null>;
  /** The platform's own work-order number (a re-sent order is the same tip). */
  externalNumber: Generated<string | null>;
}

export type TipChannel = "web" | "open311" | "hotline";

/** An Open311 client or a forwarding platform: its key is stored only as a sha-256 hash; revocable. */
export interface TipApiClientTable {
  id: string;
  kind: "open311" | "hotline";
  countyCode: string;
  name: string;
  keyHash: string;
  /** The key's last four characters, to tell keys apart in the console. */
  keyHint: string;
  /** A platform's callback: the webhook row (url, secret) the status updates are delivered through. */
  webhookId: string | null;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A county's mapping of a forwarding platform's category text to a tip kind. */
export interface TipCategoryMapTable {
  countyCode: string;
  categoryText: string;
  kind: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** A reward (R20): one per matter (case), proposed, approved by a second person, paid. */
export interface TipRewardTable {
  id: string;
  tipId: string;
  caseId: string;
  countyCode: string;
  rule: string;
  fineYuan: number | null;
  concealedDeaths: number | null;
  amountYuan: number;
  basis: string;
  status: "proposed" | "approved" | "rejected" | "paid";
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  paidBy: string | null;
  paidAt: string | null;
  payoutRef: string | null;
}

/** The informant's name and phone, AES-256-GCM sealed with the tip key (never in the database). */
export interface TipInformantTable {
  tipId: string;
  sealed: string;
}

/** The protected thread: official replies and questions, the informant's answers. */
export interface TipMessageTable {
  id: string;
  tipId: string;
  direction: "official" | "informant";
  body: string;
  /** Who wrote an official message (kept for the trail; never shown to the informant). */
  authorId: string | null;
  createdAt: string;
}

/** A county's reward rules (JSON of domain/tip/reward-rules.ts RewardRules); the national defaults without a row. */
export interface TipRewardRulesTable {
  countyCode: string;
  rules: string;
  updatedBy: string | null;
  updatedAt: string;
}

export interface TipTables {
  tip: TipTable;
  tipInformant: TipInformantTable;
  tipMessage: TipMessageTable;
  tipApiClient: TipApiClientTable;
  tipCategoryMap: TipCategoryMapTable;
  tipReward: TipRewardTable;
  tipRewardRules: TipRewardRulesTable;
}
