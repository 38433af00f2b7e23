import type { TrailFilter } from "../../../domain/schemas/trail-schemas";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

export type { TrailFilter };

export interface TrailEvent {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorUsername: string | null;
  actorName: string | null;
  action: string;
  /** Readable name of the event kind; null when it has none (the page shows the raw code). */
  actionLabel: string | null;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  data: unknown;
  hash: string;
}

export interface TrailPage {
  items: TrailEvent[];
  total: number;
  page: number;
  pageSize: number;
}

export const fetchTrail = (filter: TrailFilter, page: number, pageSize: number) =>
  api.get<TrailPage>(`/trail/events${queryString({ ...filter, page, pageSize })}`);

export const exportTrail = (filter: TrailFilter, reason?: string) =>
  downloadFile(`/trail/export${queryString({ ...filter, reason })}`, "留痕记录.xlsx");
