import { deleteSession, touchSession } from "../../../db/queries/session-queries";
import { findSessionUser, type UserRow } from "../../../db/queries/user-queries";
import type { SessionStage } from "../../../db/schema/core-tables";
import type { Actor } from "../../../domain/auth/actor";
import type { Role } from "../../../domain/auth/roles";
import { twoFactorRequired } from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
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

/**
 * Finds the actor behind a session token. Enforces the idle timeout and the absolute lifetime;
 * an expired session is deleted. Throws `unauthenticated` or `session_expired`.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<{
  actor: Actor;
  user: UserRow;
  sessionId: string;
  stage: SessionStage;
  passwordChange: string | null;
}> {
  const id = sessionId(token);
  const found = await findSessionUser(deps.db, id);
  if (!found) throw new AppError("unauthenticated");
  const { session, user } = found;
  const now = deps.clock.now();
  const idleMinutes =
    user && twoFactorRequired(user.role) ? deps.config.auth.adminIdleMinutes : deps.config.auth.idleMinutes;
  const idleLimit = new Date(session.lastSeenAt).getTime() + idleMinutes * 60_000;
  if (now.toISOString() >= session.expiresAt || now.getTime() >= idleLimit) {
    await deleteSession(deps.db, id);
    throw new AppError("session_expired");
  }
  if (user?.status !== "active") {
    await deleteSession(deps.db, id);
    throw new AppError("unauthenticated");
  }
  // Record activity at most every 30 s to keep reads cheap.
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > 30_000) {
    await touchSession(deps.db, id, now.toISOString());
  }
  return {
    actor: actorFromUser(user),
    user,
    sessionId: id,
    stage: session.stage as SessionStage,
    passwordChange: pendingPasswordChange(deps, user),
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
