import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { can, routeGates } from "./access-table";

/** The three administrators (三员): no account holds two of these roles. */
export const adminRoles: readonly Role[] = ["system_admin", "security_admin", "auditor"];

const isAdminRole = (role: string) => (adminRoles as readonly string[]).includes(role);

type AccountLike = { id: string; role: Role | string; regionCode: string };

/**
 * The security administrator's duties (安全管理员: lockouts, second factors, sessions of others) and the security
 * log (read by the audit administrator, and by the security administrator whose work it is).
 */
const logGate = routeGates("securityLog");
const accountGate = routeGates("accountSecurity");

export const securityPolicy = {
  /** GET /security-log: rows of the actor's jurisdiction (and rows with no region). */
  readLog: logGate.read,
  /** Gate of the account-security routes (unlock, reset 2FA, end sessions, view lock state). */
  manageAccounts: accountGate.manage,
  /** The same, for one account: only inside the actor's jurisdiction (out of scope reads as 404). */
  manageAccount: (actor: Actor, user: Pick<AccountLike, "regionCode">) =>
    can(actor, "accountSecurity", "manage", user),
};

/**
 * 三员分立 for a change of role or scope: refused (409 `separation_of_duties`) when it is the actor's own account,
 * when the system administrator tries it (roles and scopes are the security administrator's), or when an
 * account would move from one administrator role to another.
 */
export function separationOfDutiesConflict(actor: Actor, user: AccountLike, role: Role | string): boolean {
  if (user.id === actor.id) return true;
  if (actor.role === "system_admin") return true;
  return isAdminRole(user.role) && isAdminRole(role) && role !== user.role;
}
