import { departmentRoles, officeRoles, type Role, roles } from "../auth/roles";
import {
  aboveScope,
  all,
  always,
  anyOf,
  blank,
  eqActor,
  evaluate,
  gateOf,
  inScope,
  type PolicyActor,
  type RouteGate,
  roleIn,
  type Term,
  wideScope,
} from "./policy-term";

/**
 * Who may do what, per resource × action: the one declarative table every gate, point check and list filter
 * is derived from, and from which `docs/access.md` is generated (`npm run docs:access`).
 *
 * Separation of duties (三员分立): administrators do not read business data, and the system administrator
 * does not read the audit trail. `system_admin` keeps users and configuration (departments, routing,
 * categories, deadline rules, webhooks, grids as the map of the organisation); `security_admin` keeps roles, scopes and lockouts (its rules live in `security-policy.ts`);
 * `auditor` (the audit administrator) reads the trail and the security log and nothing else — no cases,
 * sites, grids, grid staff or users. Reference data (regions, department names, routing rules, categories,
 * deadline rules) is readable by every signed-in account.
 */
const offices: readonly Role[] = officeRoles;
const configurers: Role[] = ["system_admin", ...officeRoles];
const fieldRoles: Role[] = ["grid_worker", "committee_member", "township_station"];
const gridManagers: Role[] = [...configurers, "lead_department", "township_station"];
const businessAdmins: Role[] = ["auditor", "security_admin"];
const everyoneBut = (excluded: readonly Role[]) => roles.filter((r) => !excluded.includes(r));

/** Roles that keep accounts (user-policy.ts says which roles each may grant). */
const userKeepers: Role[] = ["system_admin", ...officeRoles, "township_station"];

/**
 * Service providers (R27) read no case or site by their region: only the sites and cases of their active
 * engagements, through the `engagedTarget` rule below (a case they reported themselves stays readable).
 */
const caseReaderRoles: Role[] = [...offices, "lead_department", ...fieldRoles];
export const caseReporterRoles: Role[] = [...offices, ...departmentRoles, ...fieldRoles, "service_provider"];
const siteRegisterRoles: Role[] = gridManagers;
const gridReaderRoles: Role[] = everyoneBut(businessAdmins);
/** Who keeps the printables (handbook, duty cards, grid maps): the offices, the lead department, the station. */
const printers: Role[] = [...offices, "lead_department", "township_station"];
/** Who reads sites (and their patrols and checklist runs) by region: not the service providers. */
const siteReaderRoles: Role[] = everyoneBut([...businessAdmins, "service_provider"]);
/** Who engages third-party service providers (R27): the safety offices and the township stations. */
export const engagerRoles: Role[] = [...offices, "township_station"];
const engagedExpert = all(roleIn(["service_provider"]), eqActor("expertUserId", "id"));

/**
 * A case, within the region: everyone who works cases there, the department holding it, and the person who
 * reported it. Every case rule starts with the region, so its list filter is always a region range.
 */
const inCaseRegion = (...t: Term[]) => all(inScope("regionCode"), ...t);
const leadOf = all(roleIn(["lead_department"]), eqActor("leadDepartmentId", "departmentId"));
const holderOf = all(roleIn(departmentRoles), eqActor("ownerDepartmentId", "departmentId"));
const reporterOf = all(roleIn(caseReporterRoles), eqActor("reporterId", "id"));
const caseRead = inCaseRegion(anyOf(roleIn(caseReaderRoles), holderOf, reporterOf));
const caseLead = inCaseRegion(leadOf);
const caseHolder = inCaseRegion(holderOf);
const caseOffice = inCaseRegion(roleIn(offices));

/** Deliveries: the offices of the region and the sending department; the field staff who hand them over. */
export const deliveryWorkers: Role[] = ["grid_worker", "committee_member"];
const deliveryFollow = all(
  inScope("regionCode"),
  anyOf(roleIn(offices), all(roleIn(departmentRoles), eqActor("departmentId", "departmentId"))),
);

/** Offices that assess the level below them and pay grid workers (a city or a county, issue 13.4–13.5). */
const assessors: Role[] = ["city_office", "county_office"];
const equipmentKeepers: Role[] = [...offices, "township_station"];

export const accessTable = {
  region: {
    read: always,
    manage: all(roleIn(configurers), inScope("regionCode")),
  },
  department: {
    read: anyOf(inScope("regionCode"), aboveScope("regionCode")),
    manage: all(roleIn(configurers), inScope("regionCode")),
    members: anyOf(eqActor("id", "departmentId"), all(roleIn(configurers), inScope("regionCode"))),
  },
  routingRule: {
    read: always,
    manage: anyOf(
      all(roleIn(["system_admin"]), blank("regionPrefix"), wideScope(2)),
      all(roleIn(configurers), inScope("regionPrefix")),
    ),
  },
  grid: {
    read: all(roleIn(gridReaderRoles), inScope("code")),
    /** The problems of a region in or above the scope (only the grids the actor reads are checked). */
    problems: all(roleIn(gridReaderRoles), anyOf(inScope("code"), aboveScope("code"))),
    manage: all(roleIn(gridManagers), inScope("code")),
    coverage: all(roleIn(gridManagers), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
  },
  gridWorker: {
    read: all(roleIn(gridReaderRoles), inScope("regionCode")),
    /** Staff phones are work contacts: everyone who reads grid staff sees them, except service providers. */
    phone: all(roleIn(everyoneBut([...businessAdmins, "service_provider"])), inScope("regionCode")),
  },
  site: {
    read: all(roleIn(siteReaderRoles), inScope("regionCode")),
    create: all(roleIn([...siteRegisterRoles, "grid_worker"]), inScope("regionCode")),
    override: all(roleIn(siteRegisterRoles), inScope("regionCode")),
    export: all(roleIn([...siteRegisterRoles, "cooperating_department"]), inScope("regionCode")),
  },
  case: {
    read: caseRead,
    report: all(roleIn(caseReporterRoles), inScope("regionCode")),
    export: caseRead,
    triage: caseLead,
    reject: caseLead,
    merge: caseLead,
    dispatch: caseLead,
    accept: caseHolder,
    return: caseHolder,
    forward: caseHolder,
    submit_plan: caseHolder,
    feedback: caseHolder,
    request_park: caseHolder,
    approve_park: caseOffice,
    deny_park: caseOffice,
    resume: inCaseRegion(anyOf(holderOf, roleIn(offices))),
    /** Plus independence (not the handler, not the one who fed back, not the holding department): case-policy.ts. */
    recheck: inCaseRegion(anyOf(roleIn(fieldRoles), leadOf)),
    accept_onsite: inCaseRegion(anyOf(leadOf, roleIn(offices))),
    close: caseLead,
    reopen: inCaseRegion(anyOf(reporterOf, leadOf, roleIn(offices))),
    escalate: caseOffice,
  },
  evidence: {
    create: roleIn(caseReporterRoles),
    /** The uploader, or whoever reads the case it is attached to (the case's rule, on the case's row). */
    read: anyOf(all(roleIn(caseReporterRoles), eqActor("uploadedBy", "id")), caseRead),
  },
  notification: {
    read: eqActor("userId", "id"),
  },
  webhook: {
    manage: all(roleIn(configurers), inScope("regionCode")),
  },
  /** The security administrator reads the accounts whose roles, scopes, lockouts and 2FA it keeps. */
  user: {
    read: all(roleIn([...userKeepers, "security_admin"]), inScope("regionCode")),
    /** Which roles each keeper may grant is `grantable` in user-policy.ts. */
    manage: all(roleIn(userKeepers), inScope("regionCode")),
    /**
     * Changing an account: its profile and status by the keepers, its role and scope also by the security
     * administrator (which change each may make is `userPolicy.update` / `changeRole` in user-policy.ts).
     */
    update: all(roleIn([...userKeepers, "security_admin"]), inScope("regionCode")),
    self: eqActor("id", "id"),
  },
  /**
   * The security administrator's duties on an account in its jurisdiction: lock state, unlock, reset the
   * second factor, end sessions. Roles and scopes too (with `separationOfDutiesConflict` in security-policy.ts).
   */
  accountSecurity: {
    manage: all(roleIn(["security_admin"]), inScope("regionCode")),
  },
  /** The security log (sign-in failures, lockouts, 2FA failures): the audit and security administrators. */
  securityLog: {
    read: all(roleIn(["auditor", "security_admin"]), anyOf(inScope("regionCode"), blank("regionCode"))),
  },
  /** The audit administrator, and the offices for their jurisdiction; never the system administrator. */
  trail: {
    read: roleIn(["auditor", ...offices]),
    export: roleIn(["auditor", ...offices]),
  },
  category: {
    read: anyOf(inScope("regionPrefix"), aboveScope("regionPrefix")),
    manage: all(roleIn(configurers), inScope("regionPrefix")),
  },
  /** A county's settings (同人不得闭环 and later ones): read within or above the county, kept by its offices. */
  countySetting: {
    read: anyOf(inScope("regionCode"), aboveScope("regionCode")),
    manage: all(roleIn(offices), inScope("regionCode")),
  },
  /**
   * The grid handbook (网格手册, R10, issue 14) of a township or county: read by everyone who works there or
   * above (grid workers read their township's), written — each save a new version — by the lead department,
   * the safety offices and the township station of that region.
   */
  handbook: {
    read: all(roleIn(everyoneBut(businessAdmins)), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(printers), inScope("regionCode")),
  },
  /**
   * Duty cards (明白卡) and grid maps (网格示意图) (R9, R10): printed by the same roles for a region in their
   * scope (a card's row is its worker's region; a batch's and a map's the township or county printed).
   */
  printable: {
    print: all(roleIn(printers), inScope("regionCode")),
  },
  /**
   * The industry look-up (GB/T 4754 with everyday words, R6): read by every signed-in account; the
   * province's own synonyms are kept by the province office (row: the province's 2-digit code).
   */
  industry: {
    read: always,
    manage: all(roleIn(["province_office"]), inScope("regionCode")),
  },
  deadlineRule: {
    read: anyOf(inScope("regionPrefix"), aboveScope("regionPrefix")),
    manage: all(roleIn(configurers), inScope("regionPrefix")),
  },
  /**
   * The field app's offline work set (issue 9): the field roles only. What it holds is each resource's own
   * read rule (grids, sites, cases), narrowed to the actor's grids: server/commands/field/work-set.ts.
   */
  fieldWorkSet: {
    read: roleIn(fieldRoles),
  },
  /** A resumable upload (evidence sent in pieces): whoever uploads evidence; only its owner sees it. */
  upload: {
    create: roleIn(caseReporterRoles),
    read: all(roleIn(caseReporterRoles), eqActor("ownerId", "id")),
  },
  /**
   * Patrols (日常巡查, R22, issue 9): recorded by the field roles (grid worker, committee member, township
   * station) on the sites of their scope; read with the site by whoever reads it; coverage of a region (with
   * its missed sites) by the offices, the lead department and township stations, within or above their scope.
   */
  patrol: {
    record: all(roleIn(fieldRoles), inScope("regionCode")),
    read: all(roleIn(siteReaderRoles), inScope("regionCode")),
    coverage: all(
      roleIn([...offices, "lead_department", "township_station"]),
      anyOf(inScope("regionCode"), aboveScope("regionCode")),
    ),
  },
  /** A county's patrol plan (frequencies): read within or above the county, kept by its offices. */
  patrolPlan: {
    read: anyOf(inScope("regionCode"), aboveScope("regionCode")),
    manage: all(roleIn(offices), inScope("regionCode")),
  },
  /** Checklists (issue 9): read within or above the county (not by the administrators); kept by its offices. */
  checklist: {
    read: all(roleIn(everyoneBut(businessAdmins)), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(offices), inScope("regionCode")),
  },
  /** A checklist filled at a site (its region): read like the site, filled and reported by the field roles. */
  checklistRun: {
    read: all(roleIn(siteReaderRoles), inScope("regionCode")),
    create: all(roleIn(fieldRoles), inScope("regionCode")),
    report: all(roleIn(fieldRoles), inScope("regionCode")),
  },
  /**
   * Document delivery (R15): sent by an office or a department within its scope; read, followed and exported
   * by the offices covering its region and by the sending department. Grid workers and committee members see
   * the deliveries with targets among their grids' sites and record them (row: the target's site region;
   * the grid check is in server/commands/deliveries/record-delivery.ts).
   */
  delivery: {
    read: deliveryFollow,
    create: all(roleIn([...offices, ...departmentRoles]), inScope("regionCode")),
    manage: deliveryFollow,
    export: deliveryFollow,
    mine: roleIn(deliveryWorkers),
    record: all(roleIn(deliveryWorkers), inScope("regionCode")),
    /** Its files: the followers; the field staff the document goes to (row: their target's site region). */
    file: anyOf(deliveryFollow, all(roleIn(deliveryWorkers), inScope("regionCode"))),
  },
  /**
   * Task kinds (R14, R16, R17): a county's own kinds are read within or above the county (its workers fill
   * them) and kept by the safety offices covering it; the built-in kinds are code, read by everyone.
   */
  taskKind: {
    read: all(roleIn(everyoneBut(businessAdmins)), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(offices), inScope("regionCode")),
  },
  /** Task records (outreach, assistance, local kinds): made by field roles in their scope, read by offices. */
  taskRecord: {
    create: all(roleIn(fieldRoles), inScope("regionCode")),
    read: all(
      inScope("regionCode"),
      anyOf(
        roleIn([...offices, "township_station", "lead_department"]),
        all(roleIn(fieldRoles), eqActor("recordedBy", "id")),
      ),
    ),
    export: all(roleIn([...offices, "township_station", "lead_department"]), inScope("regionCode")),
  },
  /**
   * Training sessions (R19): made by offices and departments for an audience region in their scope; seen by
   * whoever works in, above or below that region; attended by field roles of the audience region.
   */
  training: {
    read: all(roleIn(everyoneBut(businessAdmins)), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn([...offices, ...departmentRoles, "township_station"]), inScope("regionCode")),
    attend: all(roleIn(fieldRoles), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
  },
  /**
   * A public tip's protected thread (R28), on the row of the case it became: read by whoever reads the case;
   * official replies and questions by the lead department, the department holding it and the offices.
   */
  tip: {
    read: caseRead,
    reply: inCaseRegion(anyOf(leadOf, holderOf, roleIn(offices))),
    /** The tip queue, and the informant's identity (each reading with a reason, audited, the office told). */
    queue: all(roleIn(["tip_officer"]), inScope("regionCode")),
    identity: all(roleIn(["tip_officer"]), inScope("regionCode")),
  },
  /**
   * Rewards for tips (R20, R28): readable only by the tip officer and finance; the tip officer proposes, a
   * second person (another tip officer or finance; never the proposer, checked by the command) approves,
   * finance records the payout. The rules are the county's: read there, kept by the offices.
   */
  tipReward: {
    read: all(roleIn(["tip_officer", "finance"]), inScope("regionCode")),
    propose: all(roleIn(["tip_officer"]), inScope("regionCode")),
    approve: all(roleIn(["tip_officer", "finance"]), inScope("regionCode")),
    pay: all(roleIn(["finance"]), inScope("regionCode")),
    rules: all(roleIn(["tip_officer", "finance", ...offices]), inScope("regionCode")),
    manageRules: all(roleIn(offices), inScope("regionCode")),
  },
  /**
   * Who may send tips by machine: Open311 clients and forwarding platforms (12345), one key each, issued and
   * revoked by the county's offices; the county's mapping of a platform's category text to a tip kind is
   * kept by the offices and the tip officer.
   */
  tipClient: {
    manage: all(roleIn(offices), inScope("regionCode")),
    categories: all(roleIn([...offices, "tip_officer"]), inScope("regionCode")),
  },
  /**
   * Third-party service organisations and their experts (R27): registered by an office or township station
   * in its region; read within or above the scope (a township engages an organisation of its county).
   */
  serviceOrg: {
    read: all(roleIn(engagerRoles), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(engagerRoles), inScope("regionCode")),
  },
  /** An engagement (委托): made and ended by the engaging office; read by it and by the engaged expert. */
  engagement: {
    read: anyOf(all(roleIn(engagerRoles), inScope("regionCode")), engagedExpert),
    manage: all(roleIn(engagerRoles), inScope("regionCode")),
  },
  /**
   * A site or case of an engagement (row: the target with its engagement's expert). Only the engagement's
   * expert, and only while it is active by the clock and not ended early (server/commands/provider/).
   */
  engagedTarget: {
    read: engagedExpert,
    act: engagedExpert,
  },
  /** A risk assessment: read by the engaging office and its expert; approved or rejected by the office. */
  assessment: {
    read: anyOf(all(roleIn(engagerRoles), inScope("regionCode")), engagedExpert),
    decide: all(roleIn(engagerRoles), inScope("regionCode")),
  },
  /** Provider work per provider and period (assessments and guidance), with its export. */
  providerWork: {
    read: all(roleIn(engagerRoles), inScope("regionCode")),
  },
  /**
   * Region dashboards and the big screen (issue 13.2/13.3): the offices, lead departments and township
   * stations read the figures of regions within their jurisdiction (rows behind a figure are case steps).
   */
  dashboard: {
    read: all(roleIn([...offices, "lead_department", "township_station"]), inScope("regionCode")),
    export: all(roleIn([...offices, "lead_department", "township_station"]), inScope("regionCode")),
  },
  /**
   * Assessment (R23, issue 13.4): a city or county office defines schemes for the level below and runs them;
   * every office reads the runs of its jurisdiction (the province: who assessed whom, when, with which
   * scheme); a second person of the assessing office reviews, then a run is published. The assessed
   * (grid workers, township stations, departments) read their own published results.
   */
  assessmentScheme: {
    read: all(roleIn(offices), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(assessors), inScope("regionCode")),
  },
  assessmentRun: {
    read: all(roleIn(offices), inScope("regionCode")),
    run: all(roleIn(assessors), inScope("regionCode")),
    adjust: all(roleIn(assessors), inScope("regionCode")),
    review: all(roleIn(assessors), inScope("regionCode")),
    publish: all(roleIn(assessors), inScope("regionCode")),
    export: all(roleIn(offices), inScope("regionCode")),
  },
  assessmentResult: {
    mine: roleIn(["grid_worker", "township_station", ...departmentRoles]),
    /**
     * One's own result (and its 佐证材料 files): the worker's, the department's, the station's township's;
     * only once published (the command checks the run's status, as the `mine` query does).
     */
    readOwn: all(
      roleIn(["grid_worker", "township_station", ...departmentRoles]),
      anyOf(
        eqActor("subjectId", "id"),
        eqActor("subjectId", "departmentId"),
        all(roleIn(["township_station"]), inScope("subjectId")),
      ),
    ),
  },
  /**
   * Pay and information rewards (R20, issue 13.5): a county's rates read within and above it, kept by the
   * assessing offices; workers' bank accounts kept by the offices of their region and finance (each worker
   * reads their own; the account in full only for finance and the county office, masked for the rest by
   * server/commands/pay/pay-settings.ts); pay sheets made by the assessing offices, approved by a second
   * person (an assessing office or finance; never the maker, checked by the command), read and exported by
   * the offices and finance; a worker reads their own lines of approved sheets.
   */
  paySetting: {
    read: all(roleIn([...offices, "finance"]), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn(assessors), inScope("regionCode")),
  },
  payProfile: {
    read: anyOf(eqActor("userId", "id"), all(roleIn([...offices, "finance"]), inScope("regionCode"))),
    manage: all(roleIn([...offices, "finance"]), inScope("regionCode")),
  },
  paySheet: {
    read: all(roleIn([...offices, "finance"]), inScope("regionCode")),
    create: all(roleIn(assessors), inScope("regionCode")),
    approve: all(roleIn([...assessors, "finance"]), inScope("regionCode")),
    export: all(roleIn([...offices, "finance"]), inScope("regionCode")),
  },
  /** A worker's own line of a pay sheet (我的报酬): only their own, and only of approved sheets (the query). */
  payLine: {
    mine: all(roleIn(["grid_worker"]), eqActor("userId", "id")),
  },
  /** The equipment register (R20): kept by the offices and township stations of the worker's region. */
  equipment: {
    read: anyOf(eqActor("userId", "id"), all(roleIn(equipmentKeepers), inScope("regionCode"))),
    manage: all(roleIn(equipmentKeepers), inScope("regionCode")),
  },
  /** Annual training plans (R19, issue 13.6): read like sessions; kept by the offices and stations; hours per worker. */
  trainingPlan: {
    read: all(roleIn(everyoneBut(businessAdmins)), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
    manage: all(roleIn([...offices, "township_station"]), inScope("regionCode")),
    hours: all(roleIn([...offices, "township_station"]), inScope("regionCode")),
  },
  /** The workbench (issue 13.1): every role with case work reads its own counts; administrators have none. */
  workbench: {
    read: roleIn(everyoneBut(["system_admin", ...businessAdmins])),
  },
} as const satisfies Record<string, Record<string, Term>>;

export type Resource = keyof typeof accessTable;
export type ActionOf<R extends Resource> = keyof (typeof accessTable)[R] & string;

const termOf = (resource: Resource, action: string): Term => {
  const term = (accessTable[resource] as Record<string, Term>)[action];
  if (!term) throw new Error(`no rule for ${resource}.${action}`);
  return term;
};

/** The point check: may this actor do `action` on this row of `resource`? */
export function can<R extends Resource>(actor: PolicyActor, resource: R, action: ActionOf<R>, row: object) {
  return evaluate(termOf(resource, action), actor, row as Record<string, unknown>);
}

/** A route's gate for `resource.action`, named after the rule (the route table and the docs show it). */
export function routeGate(resource: Resource, action: string): RouteGate {
  const gate = gateOf(termOf(resource, action));
  Object.defineProperty(gate, "name", { value: `${resource}.${action}` });
  return gate;
}

/** Every gate of a resource, by action: what a policy module exports for its routes. */
export function routeGates<R extends Resource>(resource: R): Record<ActionOf<R>, RouteGate> {
  const out = {} as Record<string, RouteGate>;
  for (const action of Object.keys(accessTable[resource])) out[action] = routeGate(resource, action);
  return out as Record<ActionOf<R>, RouteGate>;
}

/** The rule itself (the SQL side compiles it into a list filter). */
export const ruleOf = <R extends Resource>(resource: R, action: ActionOf<R>): Term =>
  termOf(resource, action);
