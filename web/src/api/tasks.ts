import type { FieldFlag } from "../../../domain/schemas/field-schemas";
import type { TaskField } from "../../../domain/tasks/task-form";
import type { TaskKindView, TaskRecordView, TrainingView } from "../../../domain/tasks/task-views";
import type { MyTrainingHours, TrainingHoursPage } from "../../../domain/tasks/training-hours";
import type { TrainingPlanView } from "../../../domain/tasks/training-plan";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** Task kinds, task records and training sessions (issue 9: R14, R16, R17, R19). */
export type { TaskKindView };
export type TaskRecord = TaskRecordView;
export type Training = TrainingView;

export interface TaskKindDraft {
  zh: string;
  en?: string;
  minPhotos: number;
  fields: TaskField[];
}

export const fetchTaskKinds = (region?: string, includeRetired = false) =>
  api.get<TaskKindView[]>(
    `/task-kinds${queryString({ region, includeRetired: includeRetired || undefined })}`,
  );
export const createTaskKind = (input: TaskKindDraft & { regionCode: string; code: string }) =>
  api.post<TaskKindView>("/task-kinds", input);
export const updateTaskKind = (
  id: string,
  patch: Partial<TaskKindDraft> & { version: number; status?: "active" | "retired" },
) => api.patch<TaskKindView>(`/task-kinds/${encodeURIComponent(id)}`, patch);

export interface TaskRecordFilter {
  region?: string;
  kind?: string;
  from?: string;
  to?: string;
}

export const fetchTaskRecords = (f: TaskRecordFilter, page: number, pageSize: number) =>
  api.get<{ items: TaskRecord[]; total: number }>(`/task-records${queryString({ ...f, page, pageSize })}`);
export const exportTaskRecords = (f: TaskRecordFilter, reason: string | undefined) =>
  downloadFile(`/task-records/export.xlsx${queryString({ ...f, reason })}`, "task-records.xlsx");

/** A new training as the console sends it: the view without what the server adds. */
export type TrainingDraft = Omit<
  TrainingView,
  "id" | "attendees" | "attended" | "abilities" | "kind" | "hours" | "materials" | "planId"
> & { kind?: string; hours?: number; materials?: string; planId?: string };

export interface Attendance {
  id: string;
  userId: string;
  userName: string | null;
  role: string | null;
  userRegion: string | null;
  method: "qr" | "location" | "entered";
  clientAt: string;
  receivedAt: string;
  distanceM: number | null;
  flags: FieldFlag[];
  /** Entered by the organiser, 0–100 (null: none). */
  score: number | null;
  /** Attendance entered by the organiser: who (its time is `receivedAt`), and the note. */
  enteredBy: { id: string; name: string | null } | null;
  note: string | null;
}

/** Someone the organiser may enter: field staff of the session's locality. */
export interface AttendeeCandidate {
  id: string;
  name: string;
  role: string;
  regionCode: string;
  attending: boolean;
}

export const fetchTrainings = () => api.get<{ items: Training[] }>("/trainings");
export const createTraining = (input: TrainingDraft) => api.post<Training>("/trainings", input);
export const fetchTrainingQr = (id: string) =>
  api.get<{ token: string; content: string; qrDataUrl: string; expiresAt: string }>(
    `/trainings/${encodeURIComponent(id)}/qr`,
  );
export const fetchAttendance = (id: string) =>
  api.get<{ training: { id: string; title: string }; items: Attendance[] }>(
    `/trainings/${encodeURIComponent(id)}/attendance`,
  );
export const saveTrainingScores = (id: string, items: { userId: string; score: number }[]) =>
  api.put<{ items: Attendance[] }>(`/trainings/${encodeURIComponent(id)}/scores`, { items });
export const fetchAttendeeCandidates = (id: string, q?: string) =>
  api.get<{ items: AttendeeCandidate[] }>(
    `/trainings/${encodeURIComponent(id)}/candidates${queryString({ q })}`,
  );
export const enterAttendees = (id: string, userIds: string[], note?: string) =>
  api.post<{ items: Attendance[] }>(`/trainings/${encodeURIComponent(id)}/attendees`, {
    userIds,
    ...(note ? { note } : {}),
  });
export const removeAttendee = (id: string, userId: string) =>
  api.delete<{ items: Attendance[] }>(
    `/trainings/${encodeURIComponent(id)}/attendees/${encodeURIComponent(userId)}`,
  );
export const exportAttendance = (id: string, reason: string | undefined) =>
  downloadFile(
    `/trainings/${encodeURIComponent(id)}/attendance/export.xlsx${queryString({ reason })}`,
    "training-attendance.xlsx",
  );

/** An annual training plan (R19) with the sessions held under it. */
export type TrainingPlan = TrainingPlanView;
export const fetchTrainingPlans = (year?: number) =>
  api.get<{ items: TrainingPlan[] }>(`/training-plans${queryString({ year })}`);
export const createTrainingPlan = (
  input: Omit<TrainingPlan, "id" | "heldSessions" | "createdAt" | "abilities">,
) => api.post<TrainingPlan>("/training-plans", input);

/** 每人年度培训学时 (R19): a region's grid workers' hours of a year against the plan. */
export type { MyTrainingHours, TrainingHoursPage };
export const fetchTrainingHours = (q: {
  year: number;
  region?: string;
  q?: string;
  page: number;
  pageSize: number;
}) => api.get<TrainingHoursPage>(`/training-hours${queryString(q)}`);
