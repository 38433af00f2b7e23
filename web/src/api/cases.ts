import type { Role } from "../../../domain/auth/roles";
import type {
  CaseAction,
  CaseSource,
  CaseStage,
  CaseType,
  Check,
  GeoPoint,
  ParkRequest,
  RemediationPlan,
  RemediationResult,
} from "../../../domain/case/case-types";
import { api, queryString } from "./client";

/** Case rows, detail and actions of docs/api/cases.md. */
export type DeadlineState = "none" | "on_time" | "due_soon" | "overdue";

export type CaseQueue =
  | "all"
  | "to_triage"
  | "to_accept"
  | "to_handle"
  | "to_approve"
  | "to_recheck"
  | "to_close"
  | "overdue"
  | "escalated"
  | "mine";

export interface CaseRow {
  id: string;
  number: string;
  stage: CaseStage;
  stageLabel: string;
  type: CaseType;
  typeLabel: string;
  category: string;
  categoryLabel: string;
  source: CaseSource;
  sourceLabel: string;
  description: string;
  regionCode: string;
  regionName: string | null;
  gridCode: string | null;
  /** The grid's name (the code is shown on hover). */
  gridName?: string | null;
  siteId: string | null;
  siteName: string | null;
  location: GeoPoint | null;
  ownerDepartmentId: string;
  ownerDepartmentName: string | null;
  leadDepartmentId: string;
  handlerId: string | null;
  reportedAt: string;
  stageEnteredAt: string;
  deadline: string | null;
  deadlineState: DeadlineState;
  /** Lists only: "new" (never opened by you), "changed" (updated since you opened it), null (seen). */
  seen?: "new" | "changed" | null;
  escalated: boolean;
  supervised: boolean;
  reworkCount: number;
  returnCount: number;
  version: number;
}

export interface CaseView extends CaseRow {
  evidenceIds: string[];
  reporterId: string | null;
  reporterName: string | null;
  leadDepartmentName: string | null;
  suggestedDepartmentId: string | null;
  suggestedDepartmentName: string | null;
  handlerName: string | null;
  reopenCount: number;
  escalationCount: number;
  escalationLevel: "county" | "city" | "province" | null;
  recurring: boolean;
  parkRequest: ParkRequest | null;
  plan: RemediationPlan | null;
  remediation: RemediationResult | null;
  lastFeedbackAt: string | null;
  lastFeedbackBy: string | null;
  lastRecheck: Check | null;
  onsiteAcceptance: Check | null;
  rejectReason: string | null;
  mergedInto: string | null;
  closeReason: "resolved" | "duplicate" | null;
  resolution: RemediationResult | null;
  closedAt: string | null;
}

export interface TimelineItem {
  id: number | string;
  at: string;
  action: string;
  actionLabel: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  from: CaseStage | null;
  to: CaseStage | null;
  comment: string | null;
  data: Record<string, unknown> | null;
  evidence: { id: string; sha256: string; fileName: string | null }[];
  hash: string;
}

export interface EvidenceView {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  url: string;
}

export interface NotificationStatus {
  id: string;
  channel: "inbox" | "sms" | "webhook";
  kind: string;
  recipientId: string | null;
  recipientName: string | null;
  target: string | null;
  status: "pending" | "delivered" | "sent" | "failed" | "not_sent_no_gateway" | "read";
  attempts: number;
  /** A fixed category (`timeout`, `refused`, `blocked_address`, `http_status`, …), never a remote text. */
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DuplicateCandidate {
  id: string;
  number: string;
  stage: CaseStage;
  stageLabel: string;
  category: string;
  description: string;
  reportedAt: string;
  sameSite: boolean;
  distanceM: number | null;
}

export interface DepartmentSuggestion {
  departmentId: string;
  departmentName: string;
  /** `chosen`: named at triage or by the department that returned the case. */
  source: "site" | "category" | "chosen" | "lead";
  explanation: string;
}

export type CaseAbilities = Record<CaseAction, boolean>;

export interface CaseDetail {
  case: CaseView;
  abilities: CaseAbilities;
  allowedActions: CaseAction[];
  /** 同人不得闭环: the county's rule and the actions it refuses this person now (stated before the action). */
  closureRule: { anotherPersonCloses: boolean; refusals: { action: CaseAction; reason: string }[] };
  timeline: TimelineItem[];
  evidence: EvidenceView[];
  notifications: NotificationStatus[];
  suggestion: DepartmentSuggestion | null;
  duplicates: DuplicateCandidate[];
}

export interface ActionResult {
  case: CaseView;
  abilities: CaseAbilities;
  event: { id: string; action: string; from: CaseStage | null; to: CaseStage; at: string };
}

export interface CaseFilter {
  queue?: CaseQueue;
  stage?: string;
  type?: CaseType;
  category?: string;
  source?: CaseSource;
  region?: string;
  grid?: string;
  siteId?: string;
  department?: string;
  deadlineState?: "on_time" | "due_soon" | "overdue";
  escalated?: "true" | "false";
  q?: string;
  reportedFrom?: string;
  reportedTo?: string;
  sort?: "deadline" | "-reportedAt" | "reportedAt";
  page?: number;
  pageSize?: number;
}

export interface QueueCount {
  queue: CaseQueue;
  zh: string;
  en: string;
  count: number;
}

export interface CaseCategoryItem {
  code: string;
  zh: string;
  en: string;
  defaultDepartmentKind: string;
  /** False when the region deactivated it (cases keep it; new reports cannot use it). */
  active?: boolean;
}

const enc = encodeURIComponent;

export const fetchCaseQueues = () => api.get<{ items: QueueCount[] }>("/cases/queues").then((r) => r.items);

export const fetchCases = (filter: CaseFilter) =>
  api.get<{ items: CaseRow[]; total: number; page: number; pageSize: number }>(
    `/cases${queryString({ ...filter })}`,
  );

export const fetchCase = (idOrNumber: string) => api.get<CaseDetail>(`/cases/${enc(idOrNumber)}`);

export interface ReportCaseBody {
  source: CaseSource;
  type: CaseType;
  category: string;
  description: string;
  siteId?: string;
  location?: GeoPoint;
  regionCode?: string;
  evidenceIds: string[];
  idempotencyKey: string;
}

export const reportCase = (body: ReportCaseBody) => api.post<ActionResult>("/cases", body);

/** One action on a case; the body is the action's input (with its idempotency key). */
export const postCaseAction = (id: string, action: CaseAction, body: Record<string, unknown>) =>
  api.post<ActionResult>(`/cases/${enc(id)}/${action}`, body);

export interface BulkDispatchResult {
  caseId: string;
  ok: boolean;
  status: number;
  code?: string;
  message?: string;
  version?: number;
}

export const bulkDispatch = (caseIds: string[], departmentId: string, note?: string) =>
  api
    .post<{ results: BulkDispatchResult[] }>("/cases/bulk/dispatch", { caseIds, departmentId, note })
    .then((r) => r.results);

const categoriesByRegion = new Map<string, Promise<CaseCategoryItem[]>>();

/** The effective category taxonomy of a region (the user's own without one), fetched once per region. */
export function fetchCaseCategories(region?: string): Promise<CaseCategoryItem[]> {
  const key = region ?? "";
  let p = categoriesByRegion.get(key);
  if (!p) {
    p = api
      .get<{ items: CaseCategoryItem[] }>(`/case-categories${region ? `?region=${enc(region)}` : ""}`)
      .then((r) => r.items);
    categoriesByRegion.set(key, p);
    p.catch(() => categoriesByRegion.delete(key));
  }
  return p;
}

/** Forgets fetched taxonomies (after the categories were configured). */
export function forgetCaseCategories(): void {
  categoriesByRegion.clear();
}
