/**
 * Words of the case closed loop (R11, R12, R24, R25): stages, sources, types, actions, and the Case shape
 * the pure domain works on. Stored timestamps are ISO-8601 UTC strings.
 */
type Label = { zh: string; en: string };

/**
 * Stages. `parked` (挂账) holds an approved "cannot be fixed now" case, with its clock stopped.
 * `rechecked` means the re-check passed and the case waits for closing (and, for a major hazard, for the
 * on-site acceptance). `rejected` is terminal; `closed` can be reopened unless the case was merged.
 */
export const caseStages = [
  "reported",
  "triaged",
  "dispatched",
  "handling",
  "parked",
  "awaiting_recheck",
  "rechecked",
  "closed",
  "rejected",
] as const;
export type CaseStage = (typeof caseStages)[number];

export const caseStageLabel: Record<CaseStage, Label> = {
  reported: { zh: "已上报", en: "Reported" },
  triaged: { zh: "已受理分类", en: "Triaged" },
  dispatched: { zh: "已派送待签收", en: "Dispatched" },
  handling: { zh: "处置中", en: "Handling" },
  parked: { zh: "已挂账", en: "Parked" },
  awaiting_recheck: { zh: "待复查", en: "Awaiting re-check" },
  rechecked: { zh: "复查通过待结案", en: "Re-checked" },
  closed: { zh: "已结案", en: "Closed" },
  rejected: { zh: "不予受理", en: "Rejected" },
};

/** Stages where the case is finished (no deadline runs). */
export const finalStages: readonly CaseStage[] = ["closed", "rejected"];

export const caseSources = [
  "grid_worker",
  "patrol",
  "committee_member",
  "department",
  "public_tip",
  "hotline",
] as const;
export type CaseSource = (typeof caseSources)[number];

export const caseSourceLabel: Record<CaseSource, Label> = {
  grid_worker: { zh: "网格员上报", en: "Grid worker" },
  patrol: { zh: "日常巡查", en: "Patrol" },
  committee_member: { zh: "村/居委会上报", en: "Committee member" },
  department: { zh: "部门移交", en: "Department" },
  public_tip: { zh: "群众举报", en: "Public tip" },
  hotline: { zh: "热线电话", en: "Hotline" },
};

export const caseTypes = ["violation", "general_hazard", "major_hazard", "accident", "other"] as const;
export type CaseType = (typeof caseTypes)[number];

export const caseTypeLabel: Record<CaseType, Label> = {
  violation: { zh: "非法违法行为", en: "Violation" },
  general_hazard: { zh: "一般隐患", en: "General hazard" },
  major_hazard: { zh: "重大隐患", en: "Major hazard" },
  accident: { zh: "事故", en: "Accident" },
  other: { zh: "其他", en: "Other" },
};

/**
 * One verb per action: policy actions, commands (`triageCase`), buttons and events (`case.triaged`) share it.
 * Reporting creates a case and is not a transition (see `openCase`). A failed re-check or failed on-site
 * acceptance is the rework (返工); `resume` takes a parked case back to handling.
 */
export const caseActions = [
  "triage",
  "reject",
  "merge",
  "dispatch",
  "accept",
  "return",
  "forward",
  "submit_plan",
  "feedback",
  "request_park",
  "approve_park",
  "deny_park",
  "resume",
  "recheck",
  "accept_onsite",
  "close",
  "reopen",
  "escalate",
] as const;
export type CaseAction = (typeof caseActions)[number];

export const caseActionLabel: Record<CaseAction, Label> = {
  triage: { zh: "受理分类", en: "Triage" },
  reject: { zh: "不予受理", en: "Reject" },
  merge: { zh: "合并重复", en: "Merge as duplicate" },
  dispatch: { zh: "派送交办", en: "Dispatch" },
  accept: { zh: "签收", en: "Accept" },
  return: { zh: "退回", en: "Return" },
  forward: { zh: "转办", en: "Forward" },
  submit_plan: { zh: "提交治理方案", en: "Submit plan" },
  feedback: { zh: "结果反馈", en: "Feed back" },
  request_park: { zh: "申请挂账", en: "Request parking" },
  approve_park: { zh: "批准挂账", en: "Approve parking" },
  deny_park: { zh: "驳回挂账", en: "Deny parking" },
  resume: { zh: "恢复处置", en: "Resume" },
  recheck: { zh: "治理复查", en: "Re-check" },
  accept_onsite: { zh: "现场验收", en: "On-site acceptance" },
  close: { zh: "结案", en: "Close" },
  reopen: { zh: "重新打开", en: "Reopen" },
  escalate: { zh: "督办", en: "Escalate" },
};

/** Past participles for event names: `case.${caseEventVerb[action]}`. */
export const caseEventVerb: Record<CaseAction | "report", string> = {
  report: "reported",
  triage: "triaged",
  reject: "rejected",
  merge: "merged",
  dispatch: "dispatched",
  accept: "accepted",
  return: "returned",
  forward: "forwarded",
  submit_plan: "plan_submitted",
  feedback: "fed_back",
  request_park: "park_requested",
  approve_park: "park_approved",
  deny_park: "park_denied",
  resume: "resumed",
  recheck: "rechecked",
  accept_onsite: "accepted_onsite",
  close: "closed",
  reopen: "reopened",
  escalate: "escalated",
};

/** WGS84 / CGCS2000 point. */
export interface GeoPoint {
  lng: number;
  lat: number;
}

/** The six items of a major-hazard remediation plan (治理方案). `timeLimit` is a date (YYYY-MM-DD). */
export interface RemediationPlan {
  objectives: string;
  measures: string;
  fundsMaterials: string;
  responsiblePeople: string;
  timeLimit: string;
  safetyMeasures: string;
}

export type RemediationResult = "fixed" | "partial";
export type CloseReason = "resolved" | "duplicate";
export type RecheckFlag = "before_feedback" | "same_person" | "far_from_site" | "no_location";

export interface Check {
  at: string;
  by: string;
  passed: boolean;
  /** Soft findings recorded with the check (e.g. far from the site); hard ones are refused. */
  flags: RecheckFlag[];
  distanceM: number | null;
}

export interface ParkRequest {
  reason: string;
  until: string | null;
  by: string;
  at: string;
}

export interface Case {
  id: string;
  number: string;
  stage: CaseStage;
  source: CaseSource;
  type: CaseType;
  category: string;
  description: string;
  /** Region (village or township) code, derived from the site or location. */
  regionCode: string;
  gridCode: string | null;
  siteId: string | null;
  /** The site's location, or where the problem was reported. */
  location: GeoPoint | null;
  evidenceIds: string[];
  /** Null for public tips and hotline calls (the informant is kept elsewhere, confidentially). */
  reporterId: string | null;
  reportedAt: string;
  leadDepartmentId: string;
  /** Always set: the lead department until dispatched, then the department holding the case. */
  ownerDepartmentId: string;
  suggestedDepartmentId: string | null;
  handlerId: string | null;
  stageEnteredAt: string;
  /** Deadline of the current stage, null when no clock runs (parked, closed, rejected). */
  deadline: string | null;
  reworkCount: number;
  returnCount: number;
  reopenCount: number;
  escalated: boolean;
  escalationCount: number;
  parkRequest: ParkRequest | null;
  plan: RemediationPlan | null;
  remediation: RemediationResult | null;
  lastFeedbackAt: string | null;
  lastFeedbackBy: string | null;
  lastRecheck: Check | null;
  onsiteAcceptance: Check | null;
  rejectReason: string | null;
  mergedInto: string | null;
  closeReason: CloseReason | null;
  /** What the closing confirmed: fully fixed, or partial remediation recorded as such. */
  resolution: RemediationResult | null;
  closedAt: string | null;
}

/** What a transition records: the event row's payload (the command adds ids, actor, time and hash). */
export interface CaseEvent {
  action: CaseAction | "report";
  from: CaseStage | null;
  to: CaseStage;
  data: Record<string, unknown>;
}
