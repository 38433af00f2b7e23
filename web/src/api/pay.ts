import type { MyPayLine } from "../../../domain/pay/my-pay-line";
import type { PaySettings } from "../../../domain/pay/pay-rules";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** Grid-worker pay, bank accounts and the equipment register (R20, issue 13.5). */
export type { MyPayLine };
export const fetchMyPay = () => api.get<{ items: MyPayLine[] }>("/pay-lines/mine");
export interface PaySettingsView {
  countyCode: string;
  configured: boolean;
  settings: PaySettings | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
}
type Label = { zh: string; en: string };
export interface PayLine {
  id: string;
  userId: string;
  name: string;
  regionCode: string;
  employment: "full_time" | "part_time";
  score: number | null;
  base: number;
  performance: number | null;
  rewards: number;
  rewardCount: number;
  deductions: number;
  missedSites: number;
  total: number;
  bankName: string | null;
  accountMasked: string | null;
  problem: string | null;
  excludedReason: string | null;
}
export interface PaySheet {
  id: string;
  regionCode: string;
  /** The county's name (null when the region is not loaded). */
  regionName: string | null;
  month: string;
  version: number;
  status: "draft" | "approved" | "superseded";
  statusLabel: Label;
  performanceAvailable: boolean;
  performanceNote: Label | null;
  total: number;
  lineCount: number;
  problemCount: number;
  createdByName: string | null;
  createdAt: string;
  approvedByName: string | null;
  approvedAt: string | null;
  abilities: { approve: boolean; exclude: boolean; export: boolean };
}
export interface PaySheetDetail extends PaySheet {
  totals: { base: number; performance: number | null; rewards: number; deductions: number; total: number };
  blocking: { lineId: string; userId: string; name: string }[];
  lines: PayLine[];
}
export interface PayProfile {
  userId: string;
  name: string;
  bankName: string | null;
  bankAccount: string | null;
  masked: boolean;
  abilities: { manage: boolean };
}
export interface EquipmentItem {
  id: string;
  item: string;
  quantity: number;
  issuedOn: string;
  note: string | null;
  returnedOn: string | null;
  recordedByName: string | null;
}

export const fetchPaySettings = (county: string) => api.get<PaySettingsView>(`/pay-settings/${county}`);
export const savePaySettings = (county: string, s: unknown) =>
  api.put<PaySettingsView>(`/pay-settings/${county}`, s);
export const fetchPaySheets = (region?: string, month?: string) =>
  api.get<{ items: PaySheet[] }>(`/pay-sheets${queryString({ region, month })}`);
export const fetchPaySheet = (id: string) => api.get<PaySheetDetail>(`/pay-sheets/${id}`);
export const generatePaySheet = (regionCode: string, month: string) =>
  api.post<PaySheetDetail>("/pay-sheets", { regionCode, month });
export const approvePaySheet = (id: string) => api.post<PaySheetDetail>(`/pay-sheets/${id}/approve`);
export const excludePayLine = (id: string, lineId: string, reason: string) =>
  api.post<PaySheetDetail>(`/pay-sheets/${id}/lines/${lineId}/exclude`, { reason });
export const exportPaySheet = (s: PaySheet, reason: string | undefined) =>
  downloadFile(
    `/pay-sheets/${s.id}/export.xlsx${queryString({ reason })}`,
    `网格员报酬-${s.month}-v${s.version}.xlsx`,
  );
export const fetchPayProfile = (userId: string) => api.get<PayProfile>(`/pay-profiles/${userId}`);
export const savePayProfile = (userId: string, bankName: string, bankAccount: string) =>
  api.put<PayProfile>(`/pay-profiles/${userId}`, { bankName, bankAccount });
export const fetchEquipment = (userId: string) =>
  api.get<{ items: EquipmentItem[]; abilities: { manage: boolean } }>(`/equipment${queryString({ userId })}`);
export const issueEquipment = (body: { userId: string; item: string; quantity: number; issuedOn: string }) =>
  api.post<EquipmentItem>("/equipment", body);
export const returnEquipment = (id: string, returnedOn: string) =>
  api.post<EquipmentItem>(`/equipment/${id}/return`, { returnedOn });
