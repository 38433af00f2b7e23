import type { HandbookBlock } from "../../../domain/print/handbook-markup";
import { api } from "./client";
import { downloadFile } from "./file-transfer";

/** The printables (`/handbooks`, `/duty-cards`, `/grid-maps`, issue 14). */
export interface HandbookVersionSummary {
  version: number;
  title: string;
  maxPages: number;
  pages: number;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
}
export interface HandbookVersion extends HandbookVersionSummary {
  source: string;
  blocks: HandbookBlock[];
}
export interface Handbook {
  regionCode: string;
  regionName: string;
  current: HandbookVersion | null;
  versions: HandbookVersionSummary[];
  defaultMaxPages: number;
  abilities: { manage: boolean };
}

const enc = encodeURIComponent;

export const fetchHandbook = (region: string) => api.get<Handbook>(`/handbooks/${enc(region)}`);
export const fetchHandbookVersion = (region: string, version: number) =>
  api.get<HandbookVersion>(`/handbooks/${enc(region)}/versions/${version}`);
export const saveHandbook = (region: string, body: { title: string; source: string; maxPages?: number }) =>
  api.put<Handbook>(`/handbooks/${enc(region)}`, body);

export const downloadHandbook = (region: string, version?: number) =>
  downloadFile(`/handbooks/${enc(region)}/pdf${version ? `?version=${version}` : ""}`, "handbook.pdf");
export const downloadDutyCard = (userId: string, layout: "a6" | "a4x4" = "a6") =>
  downloadFile(`/duty-cards/${enc(userId)}/pdf?layout=${layout}`, "duty-card.pdf");
export const downloadDutyCards = (region: string) =>
  downloadFile(`/duty-cards/pdf?region=${enc(region)}&layout=a4x4`, "duty-cards.pdf");
export const downloadGridMap = (region: string, size: "A3" | "A4") =>
  downloadFile(`/grid-maps/${enc(region)}/pdf?size=${size}`, "grid-map.pdf");
