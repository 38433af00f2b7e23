import { parseInput, type ReportCaseInput, reportCaseFields, reportCaseInput } from "./case-schemas";
import type { Case, CaseEvent, CaseStage, GeoPoint } from "./case-types";

/** What the server derives for a new case: ids, number, region and grid, the lead department, recurrence. */
export interface OpenCaseFacts {
  id: string;
  number: string;
  regionCode: string;
  gridCode: string | null;
  /** The site's location if there is a site with one, else the reported location. */
  location: GeoPoint | null;
  leadDepartmentId: string;
  /** Null for public tips and hotline calls. */
  reporterId: string | null;
  /** Same site + category came up often enough to escalate (see `recurrence`). */
  recurring?: boolean;
}

export interface OpenCaseContext {
  now: Date;
  deadlineOf?: (kase: Case, stage: CaseStage, from: Date) => Date | null;
  /** A public tip may give only an address: no site or location required. */
  addressOnly?: boolean;
}

/**
 * Reporting: builds a new case in stage `reported`, owned by the lead department. A major hazard is listed
 * for supervision (挂牌督办) and a recurring problem is escalated at once.
 */
export function openCase(
  rawInput: unknown,
  facts: OpenCaseFacts,
  ctx: OpenCaseContext,
): { kase: Case; event: CaseEvent } {
  const input: ReportCaseInput = parseInput(ctx.addressOnly ? reportCaseFields : reportCaseInput, rawInput);
  const at = ctx.now.toISOString();
  const escalated = input.type === "major_hazard" || facts.recurring === true;
  const kase: Case = {
    id: facts.id,
    number: facts.number,
    stage: "reported",
    source: input.source,
    type: input.type,
    category: input.category,
    description: input.description,
    regionCode: facts.regionCode,
    gridCode: facts.gridCode,
    siteId: input.siteId ?? null,
    location: facts.location ?? input.location ?? null,
    evidenceIds: input.evidenceIds,
    reporterId: facts.reporterId,
    reportedAt: at,
    leadDepartmentId: facts.leadDepartmentId,
    ownerDepartmentId: facts.leadDepartmentId,
    suggestedDepartmentId: null,
    handlerId: null,
    stageEnteredAt: at,
    deadline: null,
    reworkCount: 0,
    returnCount: 0,
    reopenCount: 0,
    escalated,
    escalationCount: escalated ? 1 : 0,
    parkRequest: null,
    plan: null,
    remediation: null,
    lastFeedbackAt: null,
    lastFeedbackBy: null,
    lastRecheck: null,
    onsiteAcceptance: null,
    rejectReason: null,
    mergedInto: null,
    closeReason: null,
    resolution: null,
    closedAt: null,
  };
  kase.deadline = ctx.deadlineOf?.(kase, "reported", ctx.now)?.toISOString() ?? null;
  const data: Record<string, unknown> = { ...input };
  if (facts.recurring) data.recurring = true;
  if (input.type === "major_hazard") data.listedForSupervision = true;
  return { kase, event: { action: "report", from: null, to: "reported", data } };
}
