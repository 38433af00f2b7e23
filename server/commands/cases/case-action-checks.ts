import type { Tx } from "../../../db/db";
import type { EvidenceRow } from "../../../db/queries/case-evidence-queries";
import { findCaseRow } from "../../../db/queries/case-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { covers } from "../../../domain/auth/actor";
import type { Case, CaseAction } from "../../../domain/case/case-types";
import { isReportableCategory } from "../../../domain/case/category-taxonomy";
import { AppError } from "../../../domain/errors";
import type { EvidenceStore } from "../../storage/evidence-store";
import { checkEvidence } from "../evidence/holder-evidence";
import { checkDepartment, notInPast } from "./case-checks";
import { taxonomyOf } from "./case-taxonomy";
import { checkRecheckInput } from "./recheck-checks";
import { suggestNextDepartment } from "./suggest-department";

export interface PreparedAction {
  input: Record<string, unknown>;
  evidence: EvidenceRow[];
  escalationLevel?: number;
  eventData: Record<string, unknown>;
  relatedEvents: { action: string; subjectId: string; data: Record<string, unknown> }[];
}

const bad = (path: string, zh: string, en: string) =>
  new AppError("validation_failed", { zh, en, details: { issues: [{ path, message: zh }] } });

/** The level (region-code length) of the office escalating: the actor's prefix that covers the case. */
function officeLevel(actor: Actor, regionCode: string): number {
  const lengths = actor.scope.filter((p) => regionCode.startsWith(p)).map((p) => p.length);
  const len = lengths.length ? Math.min(...lengths) : 6;
  return len >= 6 ? 6 : len >= 4 ? 4 : 2;
}

/**
 * The checks an action needs from the database (the pure machine cannot see other rows): departments,
 * handlers, evidence, the merge target, dates not in the past; and what the server adds to the input
 * (the next department suggested after a return).
 */
export async function prepareAction(
  tx: Tx,
  store: EvidenceStore,
  actor: Actor,
  kase: Case,
  action: CaseAction,
  input: Record<string, unknown>,
  now: Date,
): Promise<PreparedAction> {
  const out: PreparedAction = { input: { ...input }, evidence: [], eventData: {}, relatedEvents: [] };
  const county = kase.regionCode.slice(0, 6);
  const ids = Array.isArray(input.evidenceIds) ? (input.evidenceIds as string[]) : [];
  out.evidence = await checkEvidence(tx, store, actor, ids, { caseId: kase.id });
  switch (action) {
    case "triage":
      // An active category of the county's taxonomy, or the one the case already has.
      if (
        input.category !== kase.category &&
        !isReportableCategory(await taxonomyOf(tx, county), input.category as string)
      )
        throw bad("category", "行业类别不存在", "Unknown category");
      if (input.suggestedDepartmentId)
        await checkDepartment(tx, input.suggestedDepartmentId as string, county, "suggestedDepartmentId");
      break;
    case "dispatch":
    case "forward":
      await checkDepartment(tx, input.departmentId as string, county, "departmentId");
      break;
    case "accept":
      if (input.handlerId) {
        const u = await findUserById(tx, input.handlerId as string);
        if (u?.status !== "active" || u.departmentId !== kase.ownerDepartmentId)
          throw bad(
            "handlerId",
            "经办人须为本部门的在岗人员",
            "The handler must be an active member of the department",
          );
      }
      break;
    case "return": {
      if (input.suggestedDepartmentId)
        await checkDepartment(tx, input.suggestedDepartmentId as string, county, "suggestedDepartmentId");
      else {
        const next = await suggestNextDepartment(tx, kase, [kase.ownerDepartmentId]);
        out.input.suggestedDepartmentId = next?.departmentId;
        if (next)
          out.eventData.suggestion = { departmentId: next.departmentId, explanation: next.explanation.zh };
      }
      break;
    }
    case "merge": {
      const target = await findCaseRow(tx, input.targetCaseId as string);
      if (!target || !covers(actor, target.regionCode) || target.id === kase.id)
        throw bad("targetCaseId", "主案件不存在或不在辖区内", "Target case not found");
      if (target.open !== 1 || target.mergedInto)
        throw bad("targetCaseId", "主案件已结案或已被合并", "The target case is closed or merged");
      out.eventData.targetNumber = target.number;
      out.relatedEvents.push({
        action: "case.duplicate_merged",
        subjectId: target.id,
        data: { duplicateId: kase.id, duplicateNumber: kase.number },
      });
      break;
    }
    case "submit_plan":
      notInPast((input.plan as { timeLimit: string }).timeLimit, now, "plan.timeLimit", "治理时限");
      break;
    case "request_park":
      notInPast(input.until as string | undefined, now, "until", "预计整改日期");
      break;
    case "recheck":
      await checkRecheckInput(tx, actor, kase.id, input, out.evidence);
      break;
    case "escalate":
      out.escalationLevel = officeLevel(actor, kase.regionCode);
      break;
    default:
      break;
  }
  return out;
}
