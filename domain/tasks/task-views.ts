import type { FieldFlag } from "../schemas/field-schemas";
import type { TaskKind } from "./task-kinds";

/** What the API answers for task kinds, task records and trainings (server presents them, the console reads them). */
export type TaskKindView = TaskKind & {
  id: string | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
};

export interface TaskRecordView {
  id: string;
  kindCode: string;
  kindZh: string;
  kindVersion: number;
  regionCode: string;
  regionName: string | null;
  siteId: string | null;
  siteName: string | null;
  recordedBy: string;
  recorderName: string | null;
  clientAt: string;
  receivedAt: string;
  location: { lng: number; lat: number; accuracy: number | null } | null;
  distanceM: number | null;
  flags: FieldFlag[];
  values: Record<string, unknown>;
  evidenceIds: string[];
}

export type TrainingView = {
  id: string;
  title: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  place: string;
  location: { lng: number; lat: number };
  radiusM: number;
  trainer: string;
  /** Issue 13.6: the session's kind, the hours it counts, materials, its annual plan. */
  kind: string;
  hours: number;
  materials: string | null;
  planId: string | null;
  attendees: number;
  /** Has the actor checked in (the phone's list). */
  attended: boolean;
  abilities: { manage: boolean; attend: boolean };
};
