import { insertEvent } from "../../../db/queries/event-queries";
import { findLoginThrottle, unlockLogin } from "../../../db/queries/login-throttle-queries";
import { deleteUserSession, deleteUserSessions, listUserSessions } from "../../../db/queries/session-queries";
import type { UserRow } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { twoFactorRequired } from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { sessionsChanged } from "./session-cache";

/** A user's sessions as shown to them or the security administrator (`current`: the one asking). */
export async function sessionsOf(deps: Deps, userId: string, currentSessionId: string | null) {
  const rows = await listUserSessions(deps.db, userId);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    ip: s.ip,
    stage: s.stage ?? "full",
    current: s.id === currentSessionId,
  }));
}

function trail(
  deps: Deps,
  tx: Deps["db"],
  actor: Actor,
  user: Pick<UserRow, "id" | "regionCode">,
  action: string,
  data: Record<string, unknown>,
) {
  return insertEvent(
    tx,
    actor,
    { action, subjectType: "user", subjectId: user.id, regionCode: user.regionCode, data },
    deps.clock.now(),
  );
}

/**
 * Ends one session of `user` (their own, or anyone's for the security administrator; the caller checks which),
 * or all of them when `sessionId` is null. Recorded in the trail.
 */
export async function endSessions(deps: Deps, actor: Actor, user: UserRow, sessionId: string | null) {
  await deps.db.transaction().execute(async (tx) => {
    if (sessionId) {
      if (!(await deleteUserSession(tx, user.id, sessionId))) throw new AppError("not_found");
    } else await deleteUserSessions(tx, user.id);
    await trail(deps, tx, actor, user, "user.sessions_ended", sessionId ? { sessionId } : { all: true });
  });
  sessionsChanged(deps.db, user.id);
}

/** Ends a lockout early (the security administrator's unlock). */
export async function unlockAccount(deps: Deps, actor: Actor, user: UserRow) {
  await deps.db.transaction().execute(async (tx) => {
    const wasLocked = await unlockLogin(tx, user.username);
    await trail(deps, tx, actor, user, "user.unlocked", { hadFailures: wasLocked });
  });
}

/** What the security administrator sees of an account: lock, second factor, forced change, sessions. */
export async function accountSecurity(deps: Deps, user: UserRow) {
  const now = deps.clock.now().toISOString();
  const throttle = await findLoginThrottle(deps.db, user.username);
  return {
    lockedUntil: throttle?.lockedUntil && throttle.lockedUntil > now ? throttle.lockedUntil : null,
    recentFailures: throttle ? Number(throttle.failures) : 0,
    twoFactorEnrolled: Boolean(user.totpSecret),
    twoFactorRequired: twoFactorRequired(user.role),
    passwordChangeRequired: user.passwordChangeReason ?? null,
    sessions: await sessionsOf(deps, user.id, null),
  };
}
