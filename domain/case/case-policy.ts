import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { forbidden, notFound } from "../errors";
import { can, caseReporterRoles } from "../policies/access-table";
import { allowedActions, caseGuard } from "./case-machine";
import { type Case, type CaseAction, caseActions } from "./case-types";

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
/** Not the person who handled or fed back, and not from the department holding the case. */
const independent: Predicate = (a, k) =>
  a.id !== k.handlerId &&
  a.id !== k.lastFeedbackBy &&
  !(a.departmentId && a.departmentId === k.ownerDepartmentId);

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

/** What the actor may do now: policy AND the transition table AND the case's own preconditions. */
export function caseAbilities(actor: PolicyActor, kase: Case): Record<CaseAction, boolean> {
  const allowed = allowedActions(kase.stage);
  const out = {} as Record<CaseAction, boolean>;
  for (const action of caseActions)
    out[action] =
      allowed.includes(action) && casePolicy[action](actor, kase) && caseGuard(kase, action) === null;
  return out;
}

/** Throws `not_found` when the actor may not see the case, `forbidden` when they may not do the action. */
export function authorizeCase(actor: PolicyActor, action: CaseAction | "read", kase: PolicyCase): void {
  if (!casePolicy.read(actor, kase)) throw notFound();
  if (!casePolicy[action](actor, kase)) throw forbidden();
}
