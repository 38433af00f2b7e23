import { departmentRoles, officeRoles, type Role, roles } from "../auth/roles";
import {
  aboveScope,
  all,
  always,
  anyOf,
  blank,
  eqActor,
  inScope,
  roleIn,
  type Term,
  wideScope,
} from "./policy-term";

/**
 * Who may do what, per resource × action: the one declarative table every gate, point check and list filter
 * is derived from, and from which `docs/access.md` is generated (`npm run docs:access`).
 *
 * Separation of duties (三员分立): administrators do not read business data. `system_admin` keeps users and
 * configuration (departments, routing, categories, deadline rules, webhooks, grids as the map of the
 * organisation); `security_admin` keeps roles, scopes and lockouts (its rules live in `security-policy.ts`);
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

export const caseReaderRoles: Role[] = [...offices, "lead_department", ...fieldRoles, "service_provider"];
export const caseReporterRoles: Role[] = [...offices, ...departmentRoles, ...fieldRoles, "service_provider"];
export const siteRegisterRoles: Role[] = gridManagers;
export const gridReaderRoles: Role[] = everyoneBut(businessAdmins);

/** A case: everyone who works cases in the region, the department holding it, and the person who reported it. */
const caseRead = anyOf(
  all(roleIn(caseReporterRoles), eqActor("reporterId", "id")),
  all(
    inScope("regionCode"),
    anyOf(
      roleIn(caseReaderRoles),
      all(roleIn(departmentRoles), eqActor("ownerDepartmentId", "departmentId")),
    ),
  ),
);

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
    manage: all(roleIn(gridManagers), inScope("code")),
    coverage: all(roleIn(gridManagers), anyOf(inScope("regionCode"), aboveScope("regionCode"))),
  },
  gridWorker: {
    read: all(roleIn(gridReaderRoles), inScope("regionCode")),
    manage: all(roleIn(gridManagers), inScope("regionCode")),
  },
  site: {
    read: all(roleIn(everyoneBut(businessAdmins)), inScope("regionCode")),
    create: all(roleIn([...siteRegisterRoles, "grid_worker"]), inScope("regionCode")),
    override: all(roleIn(siteRegisterRoles), inScope("regionCode")),
    export: all(roleIn([...siteRegisterRoles, "cooperating_department"]), inScope("regionCode")),
  },
  case: {
    read: caseRead,
    report: all(roleIn(caseReporterRoles), inScope("regionCode")),
    export: caseRead,
  },
  evidence: {
    create: roleIn([...caseReporterRoles]),
    read: anyOf(eqActor("uploadedBy", "id"), caseRead),
  },
  notification: {
    read: eqActor("userId", "id"),
  },
  webhook: {
    manage: all(roleIn(configurers), inScope("regionCode")),
  },
  user: {
    read: all(roleIn(["system_admin", ...offices, "township_station"]), inScope("regionCode")),
    self: eqActor("id", "id"),
  },
  trail: {
    read: roleIn(["auditor", ...configurers]),
  },
  category: {
    read: anyOf(inScope("regionPrefix"), aboveScope("regionPrefix")),
    manage: all(roleIn(configurers), inScope("regionPrefix")),
  },
  deadlineRule: {
    read: anyOf(inScope("regionPrefix"), aboveScope("regionPrefix")),
    manage: all(roleIn(configurers), inScope("regionPrefix")),
  },
} as const satisfies Record<string, Record<string, Term>>;

export type Resource = keyof typeof accessTable;
export type ActionOf<R extends Resource> = keyof (typeof accessTable)[R] & string;
