import type { Generated } from "kysely";

/**
 * Tables of the closed loop (issue 4). `case` is an SQL keyword, so the case table is `case_record`.
 * Timestamps are ISO-8601 UTC text, booleans integers (0/1), structured values JSON text.
 */
export interface CaseRecordTable {
  id: string;
  number: string;
  countyCode: string;
  stage: string;
  /** 1 while the case is not closed or rejected (list and scan indexes lead with it). */
  open: number;
  source: string;
  type: string;
  category: string;
  description: string;
  regionCode: string;
  gridCode: string | null;
  siteId: string | null;
  lng: number | null;
  lat: number | null;
  /** JSON array of evidence ids. */
  evidenceIds: string;
  reporterId: string | null;
  reportedAt: string;
  leadDepartmentId: string;
  ownerDepartmentId: string;
  suggestedDepartmentId: string | null;
  handlerId: string | null;
  stageEnteredAt: string;
  deadline: string | null;
  /** What the deadline job last recorded: none | on_time | due_soon | overdue. */
  deadlineState: string;
  /** When the re-check reminder was sent for the current stage entry. */
  recheckRemindedAt: string | null;
  reworkCount: number;
  returnCount: number;
  reopenCount: number;
  escalated: number;
  escalationCount: number;
  /** Region-code length of the office the case is escalated to: 6 county, 4 city, 2 province. */
  escalationLevel: number | null;
  recurring: number;
  /** Steps of this case done after their stage deadline (issue 13.2; 按期结案 needs none). */
  lateSteps: number;
  /** 1 while a parking request waits for approval. */
  parkPending: number;
  parkRequest: string | null;
  plan: string | null;
  remediation: string | null;
  lastFeedbackAt: string | null;
  lastFeedbackBy: string | null;
  lastRecheck: string | null;
  onsiteAcceptance: string | null;
  rejectReason: string | null;
  mergedInto: string | null;
  closeReason: string | null;
  resolution: string | null;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseNumberSeqTable {
  countyCode: string;
  year: number;
  lastSeq: number;
}

export interface CaseDeadlineRuleTable {
  id: string;
  regionPrefix: string;
  category: string | null;
  type: string | null;
  stage: string;
  unit: string;
  amount: number;
  createdBy: string | null;
  createdAt: string;
}

/** A case category configured for a region (null fields inherit; see domain/case/category-taxonomy). */
export interface CaseCategoryTable {
  id: string;
  regionPrefix: string;
  code: string;
  zh: string | null;
  en: string | null;
  defaultDepartmentKind: string | null;
  /** 1 active, 0 deactivated, null inherited. */
  active: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EvidenceTable {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  caseId: string | null;
  regionCode: string | null;
  /** The record it belongs to when not a case: `task_record`, `patrol` or `checklist_run`, and its id. */
  subjectType: string | null;
  subjectId: string | null;
}

export interface IdempotencyKeyTable {
  actorId: string;
  key: string;
  /** What the key was used for and a hash of the request, to refuse reuse for something else. */
  requestHash: string;
  statusCode: number;
  response: string;
  createdAt: string;
}

export interface NotificationTable {
  id: Generated<number>;
  userId: string;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  regionCode: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  channel: "sms" | "webhook";
  kind: string;
  caseId: string | null;
  userId: string | null;
  webhookId: string | null;
  target: string;
  payload: string;
  /** `sent`: the SMS gateway accepted it; `not_sent_no_gateway`: SMS with no gateway configured. */
  status: "pending" | "delivered" | "sent" | "failed" | "not_sent_no_gateway";
  attempts: number;
  nextAttemptAt: string;
  /** Set while a worker holds the row (claim expires, so a crashed worker's row is retried). */
  claimedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookTable {
  id: string;
  regionCode: string;
  departmentId: string | null;
  url: string;
  secret: string;
  /** JSON array of event names; empty = every case event. */
  events: string;
  active: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseTables {
  caseRecord: CaseRecordTable;
  caseNumberSeq: CaseNumberSeqTable;
  caseDeadlineRule: CaseDeadlineRuleTable;
  caseCategory: CaseCategoryTable;
  evidence: EvidenceTable;
  idempotencyKey: IdempotencyKeyTable;
  notification: NotificationTable;
  notificationDelivery: NotificationDeliveryTable;
  webhook: WebhookTable;
}
