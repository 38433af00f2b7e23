import { pushPasswordHistory, recentPasswordHashes } from "../../../db/queries/credential-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { deleteOtherSessions, deleteUserSessions } from "../../../db/queries/session-queries";
import { findUserById, type UserRow, updateUser } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { checkPassword } from "../../../domain/auth/password-policy";
import { passwordHistoryDepth } from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { hashPassword, verifyPassword } from "./password-hash";
import { sessionsChanged } from "./session-cache";

/** The policy check (length, classes, no name words), then: not the current nor one of the last four. */
export async function assertAcceptablePassword(deps: Deps, user: UserRow, password: string) {
  const problems = checkPassword(password, [user.username, user.displayName], deps.config.auth.password);
  if (problems.length)
    throw new AppError("weak_password", {
      zh: problems.map((p) => p.zh).join("；"),
      en: problems.map((p) => p.en).join("; "),
    });
  const previous = [
    user.passwordHash,
    ...(await recentPasswordHashes(deps.db, user.id, passwordHistoryDepth - 1)),
  ];
  for (const hash of previous)
    if (await verifyPassword(hash, password)) throw new AppError("password_reused");
}

/**
 * Replaces a user's password in one transaction: the old hash goes to the history, sessions end (all of them,
 * or all but `keepSession`), and the trail records who did it. An administrator's reset makes the new password
 * temporary (it expires, and must be changed at the next sign-in).
 */
async function replacePassword(
  deps: Deps,
  actor: Actor,
  user: UserRow,
  password: string,
  how: { reset: boolean; keepSession?: string },
) {
  await assertAcceptablePassword(deps, user, password);
  const passwordHash = await hashPassword(password, deps.config.auth);
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + deps.config.auth.resetPasswordHours * 3_600_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await pushPasswordHistory(tx, user.id, user.passwordHash, now.toISOString(), passwordHistoryDepth - 1);
    await updateUser(tx, user.id, {
      passwordHash,
      passwordChangedAt: now.toISOString(),
      passwordChangeReason: how.reset ? "reset" : null,
      passwordExpiresAt: how.reset ? expires : null,
      updatedAt: now.toISOString(),
    });
    if (how.keepSession) await deleteOtherSessions(tx, user.id, how.keepSession);
    else await deleteUserSessions(tx, user.id);
    await insertEvent(
      tx,
      actor,
      {
        action: how.reset ? "user.password_reset" : "user.password_changed",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: how.reset ? { expiresAt: expires } : {},
      },
      now,
    );
  });
  sessionsChanged(deps.db, user.id);
}

/** A user changes their own password (the current one is asked for); their other sessions end. */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await findUserById(deps.db, actor.id);
  if (!user) throw new AppError("unauthenticated");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError("current_password_wrong");
  await replacePassword(deps, actor, user, input.newPassword, { reset: false, keepSession: sessionId });
}

/** An administrator sets a temporary password for someone else (policy checked by the caller). */
export function resetPassword(deps: Deps, actor: Actor, user: UserRow, password: string) {
  if (user.id === actor.id)
    throw new AppError("validation_failed", {
      zh: "修改自己的密码请使用“修改密码”（需输入当前密码）",
      en: "Change your own password with your current password (/auth/password)",
    });
  return replacePassword(deps, actor, user, password, { reset: true });
}
