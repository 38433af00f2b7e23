import { api } from "./client";

/** The thread of the public tip a case came from (R28); never the informant's identity. */
export interface TipThread {
  caseId: string;
  kind: string;
  address: string | null;
  happenedAt: string | null;
  realName: boolean;
  canReply: boolean;
  messages: { id: string; direction: "official" | "informant"; body: string; at: string }[];
}

export const fetchTipThread = (caseId: string) => api.get<TipThread>(`/cases/${caseId}/tip-thread`);

export const replyToInformant = (caseId: string, body: string) =>
  api.post<TipThread>(`/cases/${caseId}/tip-thread/replies`, { body });

export interface TipQueueItem {
  id: string;
  caseId: string;
  number: string;
  kind: string;
  kindLabel: string;
  address: string | null;
  realName: boolean;
  stage: string;
  stageLabel: string;
  deadline: string | null;
  createdAt: string;
}

export const fetchTipQueue = (page = 1, pageSize = 50) =>
  api.get<{ items: TipQueueItem[] }>(`/tips?page=${page}&pageSize=${pageSize}`);

export interface InformantIdentity {
  tipId: string;
  number: string;
  name: string;
  phone: string;
  readAt: string;
}

/** Each call is one audited reading, with its reason. */
export const readInformantIdentity = (tipId: string, reason: string) =>
  api.post<InformantIdentity>(`/tips/${tipId}/identity`, { reason });

export interface TipDetail {
  id: string;
  caseId: string;
  number: string;
  kind: string;
  kindLabel: string;
  channel: string;
  address: string | null;
  happenedAt: string | null;
  realName: boolean;
  description: string;
  stage: string;
  stageLabel: string;
  closeReason: string | null;
  deadline: string | null;
  createdAt: string;
  canProposeReward: boolean;
  rewardId: string | null;
  messages: { id: string; direction: "official" | "informant"; body: string; at: string }[];
}
export const fetchTip = (id: string) => api.get<TipDetail>(`/tips/${id}`);

export interface TipReward {
  id: string;
  tipId: string;
  caseId: string;
  caseNumber: string;
  rule: string;
  ruleLabel: string;
  fineYuan: number | null;
  concealedDeaths: number | null;
  amountYuan: number;
  basis: string;
  status: "proposed" | "approved" | "rejected" | "paid";
  statusLabel: string;
  proposedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  paidAt: string | null;
  payoutRef: string | null;
  abilities: { decide: boolean; pay: boolean };
}
export const fetchRewards = () => api.get<{ items: TipReward[] }>("/tip-rewards?pageSize=200");
export const proposeReward = (tipId: string, body: Record<string, unknown>) =>
  api.post<TipReward>(`/tips/${tipId}/rewards`, body);
export const decideReward = (id: string, approve: boolean, note?: string) =>
  api.post<TipReward>(`/tip-rewards/${id}/decision`, { approve, ...(note ? { note } : {}) });
export const payReward = (id: string, payoutRef: string) =>
  api.post<TipReward>(`/tip-rewards/${id}/payout`, { payoutRef });

export interface TipClient {
  id: string;
  countyCode: string;
  name: string;
  keyHint: string;
  callbackUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}
export interface IssuedClient extends TipClient {
  key: string;
  callbackSecret: string | null;
}
export type ClientKind = "open311" | "platforms";
export const fetchClients = (kind: ClientKind) => api.get<{ items: TipClient[] }>(`/tip-clients/${kind}`);
export const issueClient = (kind: ClientKind, body: Record<string, unknown>) =>
  api.post<IssuedClient>(`/tip-clients/${kind}`, body);
export const revokeClient = (kind: ClientKind, id: string) =>
  api.post<{ id: string; revokedAt: string }>(`/tip-clients/${kind}/${id}/revoke`);

/** A county's mapping of a forwarding platform's category text to a tip kind (whole table per save). */
export interface CategoryMap {
  countyCode: string;
  kinds: { code: string; label: string }[];
  rows: { categoryText: string; kind: string; kindLabel: string }[];
}
export const fetchCategoryMap = (county: string) => api.get<CategoryMap>(`/tip-category-maps/${county}`);
export const saveCategoryMap = (county: string, rows: { categoryText: string; kind: string }[]) =>
  api.put<CategoryMap>(`/tip-category-maps/${county}`, { rows });

export interface RewardRules {
  finePercent: number;
  minYuan: number;
  maxYuan: number;
  perDeathYuan: Record<"ordinary" | "larger" | "major" | "especially_major", number>;
  concealedMaxYuan: number;
}
export interface RewardRulesView {
  countyCode: string;
  national: boolean;
  rules: RewardRules;
}
export const fetchRewardRules = (county: string) => api.get<RewardRulesView>(`/tip-reward-rules/${county}`);
export const saveRewardRules = (county: string, rules: RewardRules) =>
  api.put<RewardRulesView>(`/tip-reward-rules/${county}`, rules);
