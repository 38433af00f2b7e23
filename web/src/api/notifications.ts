import { api, queryString } from "./client";

/** The in-app inbox of the signed-in user (docs/api/cases.md, "Inbox"). */
export interface InboxItem {
  id: number;
  kind: string;
  caseId: string | null;
  caseNumber: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
}

export const fetchNotifications = (filter: { unread?: boolean; page?: number; pageSize?: number }) =>
  api.get<InboxPage>(`/notifications${queryString({ ...filter, unread: filter.unread ? true : undefined })}`);

export const markNotificationRead = (id: number) => api.post<void>(`/notifications/${id}/read`);

export const markAllNotificationsRead = () => api.post<void>("/notifications/read-all");

type Listener = () => void;
const listeners = new Set<Listener>();

/** Lets the header bell refresh its count when a page reads notifications. */
export function onInboxChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function inboxChanged(): void {
  for (const listener of listeners) listener();
}
