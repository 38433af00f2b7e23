import { deleteSession, touchSession } from "../../../db/queries/session-queries";
import { findSessionUser, type UserRow } from "../../../db/queries/user-queries";
import type { SessionStage } from "../../../db/schema/core-tables";
import type { Actor } from "../../../domain/auth/actor";
import type { Role } from "../../../domain/auth/roles";
import { twoFactorRequired } from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import type { SessionCache, SessionUser } from "./session-cache";
import { sessionId } from "./sign-in";

export function actorFromUser(user: UserRow): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    scope: JSON.parse(user.scope) as string[],
    departmentId: user.departmentId,
  };
}

export interface ResolvedSession {
  actor: Actor;
  user: UserRow;
  sessionId: string;
  stage: SessionStage;
  passwordChange: string | null;
}

/** Activity is recorded at most every 30 s to keep reads cheap. */
const touchEveryMs = 30_000;

/**
 * Finds the actor behind a session token. Enforces the idle timeout and the absolute lifetime;
 * an expired session is deleted. Throws `unauthenticated` or `session_expired`. With a session cache
 * (PostgreSQL, see session-cache.ts) a session read a moment ago is answered from memory when the request
 * needs no write (no expiry, no touch); the same checks run on it.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  cache?: SessionCache | null,
): Promise<ResolvedSession> {
  const id = sessionId(token);
  const cached = cache ? await cache.fresh(id) : undefined;
  if (cached && stateOf(deps, cached, deps.clock.now()) === "valid") return resolved(deps, id, cached);
  const generation = cache?.generation() ?? 0;
  const found = await findSessionUser(deps.db, id);
  if (!found) throw new AppError("unauthenticated");
  const now = deps.clock.now();
  switch (stateOf(deps, found, now)) {
    case "expired":
      await deleteSession(deps.db, id);
      throw new AppError("session_expired");
    case "inactive":
      await deleteSession(deps.db, id);
      throw new AppError("unauthenticated");
    case "touch":
      await touchSession(deps.db, id, now.toISOString());
      // The touch's own notice drops the entry again; nothing is kept from a read that wrote.
      return resolved(deps, id, found);
    case "valid":
      cache?.put(id, found, generation);
      return resolved(deps, id, found);
  }
}

const idleMinutes = (deps: Deps, user: UserRow | null) =>
  user && twoFactorRequired(user.role) ? deps.config.auth.adminIdleMinutes : deps.config.auth.idleMinutes;

/**
 * What resolving this session now means: expired (past its lifetime or idle: deleted), its user not active
 * (deleted), valid but its activity is to be recorded (a touch), or valid with nothing to write — the only
 * state a remembered session is answered in.
 */
function stateOf(deps: Deps, { session, user }: SessionUser, now: Date) {
  const lastSeen = new Date(session.lastSeenAt).getTime();
  if (now.toISOString() >= session.expiresAt || now.getTime() >= lastSeen + idleMinutes(deps, user) * 60_000)
    return "expired";
  if (user?.status !== "active") return "inactive";
  if (now.getTime() - lastSeen > touchEveryMs) return "touch";
  return "valid";
}

function resolved(deps: Deps, id: string, { session, user }: SessionUser): ResolvedSession {
  const u = user as UserRow;
  return {
    actor: actorFromUser(u),
    user: u,
    sessionId: id,
    stage: session.stage as SessionStage,
    passwordChange: pendingPasswordChange(deps, u),
  };
}

/**
 * Why the user must change the password before anything else, or null: an administrator's reset, an account
 * made by someone else, or a password older than `passwordMaxAgeDays` ("expired").
 */
export function pendingPasswordChange(deps: Deps, user: UserRow): string | null {
  if (user.passwordChangeReason) return user.passwordChangeReason;
  const maxDays = deps.config.auth.passwordMaxAgeDays;
  if (maxDays <= 0) return null;
  const age = deps.clock.now().getTime() - new Date(user.passwordChangedAt).getTime();
  return age >= maxDays * 86_400_000 ? "expired" : null;
}
