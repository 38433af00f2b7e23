import type { Role } from "./roles";

/** The signed-in user as every policy sees them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Region-code prefixes this actor may see and act in. */
  scope: string[];
  departmentId: string | null;
}

/** True when the actor's jurisdiction covers the scoped code (a region, grid or any row's region code). */
export function covers(actor: Pick<Actor, "scope">, code: string | null | undefined): boolean {
  if (!code) return false;
  return actor.scope.some((prefix) => code.startsWith(prefix));
}

/** True when every prefix of `inner` lies inside the actor's scope (used when granting scope to others). */
export function coversScope(actor: Pick<Actor, "scope">, inner: string[]): boolean {
  return inner.length > 0 && inner.every((code) => covers(actor, code));
}

export function hasRole(actor: Pick<Actor, "role">, ...wanted: Role[]): boolean {
  return wanted.includes(actor.role);
}
