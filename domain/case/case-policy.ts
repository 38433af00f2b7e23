import { type Actor, covers } from "../auth/actor";
import { departmentRoles, officeRoles, type Role } from "../auth/roles";
import { forbidden, notFound } from "../errors";
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
 * safety offices escalate and decide on parking; auditors and service providers only read.
 */
export type PolicyActor = Pick<Actor, "id" | "role" | "scope" | "departmentId">;
export type PolicyCase = Pick<
  Case,
  "regionCode" | "leadDepartmentId" | "ownerDepartmentId" | "handlerId" | "lastFeedbackBy" | "reporterId"
>;
type Predicate = (actor: PolicyActor, kase: PolicyCase) => boolean;

const fieldRoles: Role[] = ["grid_worker", "committee_member", "township_station"];
const readerRoles: Role[] = [...officeRoles, "lead_department", ...fieldRoles, "service_provider", "auditor"];
const reporterRoles: Role[] = [...officeRoles, ...departmentRoles, ...fieldRoles, "service_provider"];

const inScope: Predicate = (a, k) => covers(a, k.regionCode);
const office: Predicate = (a) => officeRoles.includes(a.role);
const lead: Predicate = (a, k) =>
  a.role === "lead_department" && !!a.departmentId && a.departmentId === k.leadDepartmentId;
const owner: Predicate = (a, k) =>
  departmentRoles.includes(a.role) && !!a.departmentId && a.departmentId === k.ownerDepartmentId;
const reporter: Predicate = (a, k) => k.reporterId !== null && a.id === k.reporterId;
/**
 * Not from the department holding the case. The person rule (not the handler, not the feedback signer:
 * 同人不得闭环) is a county setting, checked by `samePersonRefusal` before these predicates (409).
 */
const independent: Predicate = (a, k) => !(a.departmentId && a.departmentId === k.ownerDepartmentId);

const all =
  (...ps: Predicate[]): Predicate =>
  (a, k) =>
    ps.every((p) => p(a, k));
const any =
  (...ps: Predicate[]): Predicate =>
  (a, k) =>
    ps.some((p) => p(a, k));

const leadInScope = all(inScope, lead);
const ownerInScope = all(inScope, owner);
const officeInScope = all(inScope, office);

export const casePolicy: Record<CaseAction | "read", Predicate> = {
  read: any(
    reporter,
    all(
      inScope,
      any((a) => readerRoles.includes(a.role), owner),
    ),
  ),
  triage: leadInScope,
  reject: leadInScope,
  merge: leadInScope,
  dispatch: leadInScope,
  accept: ownerInScope,
  return: ownerInScope,
  forward: ownerInScope,
  submit_plan: ownerInScope,
  feedback: ownerInScope,
  request_park: ownerInScope,
  approve_park: officeInScope,
  deny_park: officeInScope,
  resume: all(inScope, any(owner, office)),
  recheck: all(
    inScope,
    any((a) => fieldRoles.includes(a.role), lead),
    independent,
  ),
  accept_onsite: all(inScope, any(lead, office), independent),
  close: leadInScope,
  reopen: any(reporter, all(inScope, any(lead, office))),
  escalate: officeInScope,
};

/** Who may report a case in a region (public tips come through their own channel). */
/** Whether the role reports cases at all (the console shows the report button by this). */
export const reportsCases = (role: Role): boolean => reporterRoles.includes(role);

export function canReportCase(actor: PolicyActor, regionCode: string): boolean {
  return reportsCases(actor.role) && covers(actor, regionCode);
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
