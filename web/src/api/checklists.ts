import type { ChecklistInput } from "../../../domain/checklist/checklist-schemas";
import type { EffectiveChecklist } from "../../../domain/checklist/checklist-types";
import { api, queryString } from "./client";

export type { EffectiveChecklist };

/** The checklists of a county (`GET /checklists`): its own versions, else the defaults. */
export interface ChecklistList {
  regionCode: string;
  items: EffectiveChecklist[];
  abilities: { manage: boolean };
}

export const fetchChecklists = (region: string) =>
  api.get<ChecklistList>(`/checklists${queryString({ region, includeRetired: true })}`);

export type ChecklistBody = Omit<ChecklistInput, "items" | "industries"> & {
  industries?: string[];
  items: { id?: string; text: string; requirePhoto?: boolean }[];
};

export const createChecklist = (body: ChecklistBody) => api.post<EffectiveChecklist>("/checklists", body);

export const reviseChecklist = (id: string, body: ChecklistBody) =>
  api.put<EffectiveChecklist>(`/checklists/${encodeURIComponent(id)}`, body);

export const retireChecklist = (id: string, regionCode: string, retired: boolean) =>
  api.post<EffectiveChecklist>(`/checklists/${encodeURIComponent(id)}/retire`, { regionCode, retired });

/** A checklist filled at a site, as the site file shows it. */
export interface ChecklistRun {
  id: string;
  siteId: string;
  checklistId: string;
  version: number;
  title: string;
  answers: {
    itemId: string;
    text: string;
    answer: "yes" | "no" | "na";
    answerLabel: string;
    note: string | null;
    evidenceIds: string[];
    case: { id: string; number: string } | null;
  }[];
  failedCount: number;
  flags: { code: string; label: string }[];
  distanceM: number | null;
  reports: { caseId: string; number: string; itemIds: string[] }[];
  createdBy: { id: string; displayName: string | null };
  clientAt: string;
  receivedAt: string;
}

export const fetchSiteChecklistRuns = (siteId: string) =>
  api.get<{ siteId: string; items: ChecklistRun[] }>(`/sites/${encodeURIComponent(siteId)}/checklist-runs`);
