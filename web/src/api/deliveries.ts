import type { DeliveryStatus, DeliveryTargetFilter } from "../../../domain/schemas/delivery-schemas";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** Document delivery (R15): the department side. */

export interface DeliveryProgress {
  pending: number;
  delivered: number;
  refused: number;
  removed: number;
}

export interface DeliverySummary {
  id: string;
  title: string;
  regionCode: string;
  departmentName: string | null;
  dueDate: string | null;
  createdAt: string;
  filter: Partial<DeliveryTargetFilter>;
  targetCount: number;
  progress: DeliveryProgress;
}

export interface DeliveryRecord {
  outcome: "delivered" | "refused";
  reason: string | null;
  at: string;
  receivedAt: string;
  location: { lng: number; lat: number; accuracy: number | null } | null;
  distanceM: number | null;
  flags: string[];
  evidenceIds: string[];
  recordedBy: { id: string; displayName: string };
}

export interface DeliveryTarget {
  siteId: string;
  siteName: string;
  regionCode: string;
  address: string | null;
  status: DeliveryStatus;
  removed: boolean;
  record: DeliveryRecord | null;
}

export interface DeliveryDetail extends Omit<DeliverySummary, "departmentName"> {
  body: string;
  documentEvidenceId: string | null;
  abilities: { manage: boolean; export: boolean };
  targets: DeliveryTarget[];
}

export interface DeliveryPreview {
  count: number;
  tooMany: boolean;
  sample: { siteId: string; siteName: string; regionCode: string }[];
}

export interface NewDelivery {
  title: string;
  body: string;
  documentEvidenceId?: string;
  dueDate?: string;
  filter: DeliveryTargetFilter;
  expectedCount: number;
}

export const fetchDeliveries = (page: number, pageSize: number) =>
  api.get<{ items: DeliverySummary[]; total: number }>(`/deliveries${queryString({ page, pageSize })}`);
export const fetchDelivery = (id: string) => api.get<DeliveryDetail>(`/deliveries/${encodeURIComponent(id)}`);
export const previewDelivery = (filter: DeliveryTargetFilter) =>
  api.post<DeliveryPreview>("/deliveries/preview", filter);
export const sendDelivery = (body: NewDelivery) =>
  api.post<{ id: string; targetCount: number }>("/deliveries", body);
export const removeDeliveryTarget = (id: string, siteId: string) =>
  api.delete(`/deliveries/${encodeURIComponent(id)}/targets/${encodeURIComponent(siteId)}`);
/** The address of a delivery's document or of a record's photo or signature (same-origin, with the cookie). */
export const deliveryFileUrl = (id: string, evidenceId: string) =>
  `/api/v1/deliveries/${encodeURIComponent(id)}/files/${encodeURIComponent(evidenceId)}`;
export const exportDelivery = (id: string, title: string, reason: string | undefined) =>
  downloadFile(
    `/deliveries/${encodeURIComponent(id)}/export.xlsx${queryString({ reason })}`,
    `文件送达情况-${title}.xlsx`,
  );
