import { createHash, randomBytes } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  clearLoginFailures,
  insertSession,
  loginFailuresSince,
  recordLoginFailure,
} from "../../../db/queries/session-queries";
import { findUserByUsername, type UserRow, updateUser } from "../../../db/queries/user-queries";
import { lockedUntil, lockoutLookback } from "../../../domain/auth/lockout";
import type { Role } from "../../../domain/auth/roles";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { dummyHash, verifyPassword } from "./password-hash";

export const sessionId = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Signs a user in: checks the lockout, the password (same answer and timing for unknown users),
 * and creates a server-side session. Throws `invalid_credentials` or `account_locked`.
 */
export async function signIn(
  deps: Deps,
  input: { username: string; password: string },
  ip: string | null,
): Promise<{ token: string; user: UserRow; expiresAt: string }> {
  const now = deps.clock.now();
  const policy = deps.config.auth;
  const username = input.username.trim().toLowerCase();
  const failures = await loginFailuresSince(deps.db, username, lockoutLookback(now, policy).toISOString());
  const locked = lockedUntil(failures, now, policy);
  if (locked) throw lockedError(locked);

  const user = await findUserByUsername(deps.db, username);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyHash(policy), input.password).then(() => false);
  if (!ok || !user || user.status !== "active") {
    await deps.db.transaction().execute(async (tx) => {
      await recordLoginFailure(tx, username, now.toISOString(), ip);
      await insertEvent(
        tx,
        null,
        {
          action: "user.sign_in_failed",
          subjectType: "user",
          subjectId: username,
          regionCode: user?.regionCode ?? null,
          data: { ip },
        },
        now,
      );
    });
    const lockNow = lockedUntil([...failures, now.toISOString()], now, policy);
    if (lockNow) throw lockedError(lockNow);
    throw new AppError("invalid_credentials");
  }

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await clearLoginFailures(tx, username);
    await insertSession(tx, {
      id: sessionId(token),
      userId: user.id,
      kind: "bearer",
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      ip,
    });
    await updateUser(tx, user.id, { lastLoginAt: now.toISOString() });
    await insertEvent(
      tx,
      { id: user.id, role: user.role as Role },
      {
        action: "user.signed_in",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: { ip },
      },
      now,
    );
  });
  return { token, user: { ...user, lastLoginAt: now.toISOString() }, expiresAt };
}

function lockedError(until: Date) {
  return new AppError("account_locked", { details: { lockedUntil: until.toISOString() } });
}
