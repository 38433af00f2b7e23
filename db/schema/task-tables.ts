/** A county's own task kind (R17); every edit bumps `version` and keeps the old form in `task_kind_version`. */
export interface TaskKindTable {
  id: string;
  /** The county (6 digits) that defined it. */
  regionCode: string;
  code: string;
  zh: string;
  en: string | null;
  version: number;
  minPhotos: number;
  /** JSON: the form's fields (domain/tasks/task-form.ts `TaskField[]`). */
  fields: string;
  status: "active" | "retired";
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}

export interface TaskKindVersionTable {
  kindId: string;
  version: number;
  zh: string;
  minPhotos: number;
  fields: string;
  createdAt: string;
}

/** A task done by a field role (outreach, assistance, a county kind), sent from the phone's outbox. */
export interface TaskRecordTable {
  /** The phone's id (the outbox item id). */
  id: string;
  kindCode: string;
  kindVersion: number;
  kindZh: string;
  regionCode: string;
  siteId: string | null;
  recordedBy: string;
  clientAt: string;
  receivedAt: string;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
  distanceM: number | null;
  /** JSON array of field flags (domain/schemas/field-schemas.ts). */
  flags: string;
  /** JSON object: the form's values. */
  fieldValues: string;
  /** JSON array of evidence ids. */
  evidenceIds: string;
}

/** A training session (R19). `tokenKey` signs the short-lived check-in codes its QR shows. */
export interface TrainingTable {
  id: string;
  regionCode: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  lng: number;
  lat: number;
  radiusM: number;
  trainer: string;
  tokenKey: string;
  createdBy: string;
  createdAt: string;
  /** Issue 13.6: class | onsite | meeting | contest (domain/tasks/training-plan.ts). */
  kind?: string;
  /** Hours counted per attendee; null: the session's length. */
  hours?: number | null;
  materials?: string | null;
  planId?: string | null;
}

export interface TrainingAttendanceTable {
  id: string;
  trainingId: string;
  userId: string;
  /** The worker's own check-in (`qr`, `location`) or entered by the organiser (`entered`). */
  method: "qr" | "location" | "entered";
  clientAt: string;
  receivedAt: string;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
  distanceM: number | null;
  flags: string;
  /** Issue 13.6: the attendee's score (0–100), entered by the organiser. */
  score?: number | null;
  /** Attendance entered by the organiser: who entered it (its time is `receivedAt`) and an optional note. */
  enteredBy?: string | null;
  note?: string | null;
}

export interface TaskTables {
  taskKind: TaskKindTable;
  taskKindVersion: TaskKindVersionTable;
  taskRecord: TaskRecordTable;
  training: TrainingTable;
  trainingAttendance: TrainingAttendanceTable;
}
