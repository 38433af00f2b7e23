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
