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
