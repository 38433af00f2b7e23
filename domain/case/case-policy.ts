import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { forbidden, notFound } from "../errors";
import { can, caseReporterRoles } from "../policies/access-table";
import { allowedActions, caseGuard } from "./case-machine";
import { type Case, type CaseAction, caseActions } from "./case-types";
import {
  type ClosureAction,
  closureActions,
  defaultAnotherPersonCloses,
  samePersonRefusal,
} from "./honest-closure";

/**
 * Who may do what to a case: short pure predicates on role, jurisdiction (`covers`) and department.
 * The lead department triages and dispatches; the department holding the case (cooperating, or the lead
 * itself when the case is in its own remit) accepts, returns, forwards, plans and feeds back; grid
 * workers, committee members, the township station and the lead department re-check, never the handler;
 * safety offices escalate and decide on parking; service providers only read. Administrators and the
 * audit administrator read no case (三员分立). The rules are the access table's (`domain/policies/access-table.ts`).
 */
export type PolicyActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
export type PolicyCase = Pick<
  Case,
  "regionCode" | "leadDepartmentId" | "ownerDepartmentId" | "handlerId" | "lastFeedbackBy" | "reporterId"
>;
type Predicate = (actor: PolicyActor, kase: PolicyCase) => boolean;

const rule =
  (action: CaseAction | "read"): Predicate =>
  (a, k) =>
    can(a, "case", action, k);
/**
 * Not from the department holding the case. The person rule (not the handler, not the feedback signer:
 * 同人不得闭环) is a county setting, checked by `samePersonRefusal` before these predicates (409).
 */
const independent: Predicate = (a, k) => !(a.departmentId && a.departmentId === k.ownerDepartmentId);

/** Each action's rule is the access table's (`domain/policies/access-table.ts`); re-checks add independence. */
export const casePolicy = Object.fromEntries(
  (["read", ...caseActions] as const).map((action) => {
    const base = rule(action);
    const p: Predicate =
      action === "recheck" || action === "accept_onsite" ? (a, k) => base(a, k) && independent(a, k) : base;
    return [action, p];
  }),
) as Record<CaseAction | "read", Predicate>;

/** Who may report a case in a region (public tips come through their own channel). */
/** Whether the role reports cases at all (the console shows the report button by this). */
export const reportsCases = (role: Role): boolean => caseReporterRoles.includes(role);

export function canReportCase(actor: PolicyActor, regionCode: string): boolean {
  return can(actor, "case", "report", { regionCode });
}

/**
 * What the actor may do now: policy AND the transition table AND the case's own preconditions AND the
 * county's 同人不得闭环 rule (`anotherPersonCloses`, on unless the county switched it off).
 */
export function caseAbilities(
  actor: PolicyActor,
  kase: Case,
  anotherPersonCloses = defaultAnotherPersonCloses,
): Record<CaseAction, boolean> {
  const allowed = allowedActions(kase.stage);
  const out = {} as Record<CaseAction, boolean>;
  for (const action of caseActions)
    out[action] =
      allowed.includes(action) &&
      casePolicy[action](actor, kase) &&
      caseGuard(kase, action) === null &&
      samePersonRefusal(actor.id, action, kase, anotherPersonCloses) === null;
  return out;
}

/**
 * The 同人不得闭环 refusals the case page states before the action: the actions the stage, the policy
 * and the case would allow the actor, refused only because they are the same person.
 */
export function closureRefusals(
  actor: PolicyActor,
  kase: Case,
  anotherPersonCloses: boolean,
): { action: ClosureAction; zh: string; en: string }[] {
  const allowed = allowedActions(kase.stage);
  return closureActions.flatMap((action) => {
    const reason = samePersonRefusal(actor.id, action, kase, anotherPersonCloses);
    return reason &&
      allowed.includes(action) &&
      casePolicy[action](actor, kase) &&
      caseGuard(kase, action) === null
      ? [{ action, ...reason }]
      : [];
  });
}

/** Throws `not_found` when the actor may not see the case, `forbidden` when they may not do the action. */
export function authorizeCase(actor: PolicyActor, action: CaseAction | "read", kase: PolicyCase): void {
  if (!casePolicy.read(actor, kase)) throw notFound();
  if (!casePolicy[action](actor, kase)) throw forbidden();
}
