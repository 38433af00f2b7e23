import { createHash, randomBytes } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  clearLoginFailures,
  countLoginFailure,
  lockedUntilOf,
} from "../../../db/queries/login-throttle-queries";
import { insertSession } from "../../../db/queries/session-queries";
import { findUserByUsername, type UserRow, updateUser } from "../../../db/queries/user-queries";
import type { SessionStage } from "../../../db/schema/core-tables";
import type { Role } from "../../../domain/auth/roles";
import { pendingSessionMinutes, twoFactorRequired } from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { dummyHash, verifyPassword } from "./password-hash";
import { logSecurityEvent } from "./security-log";

export const sessionId = (token: string) => createHash("sha256").update(token).digest("hex");

const minute = 60_000;

/** The username as stored and counted: trimmed, lower case. */
export const canonicalUsername = (username: string) => username.trim().toLowerCase();

/** Refuses with 423 when the name is locked now (the attempt itself is logged, not counted). */
export async function assertNotLocked(
  deps: Deps,
  username: string,
  ip: string | null,
  user?: UserRow | null,
) {
  const now = deps.clock.now();
  const locked = await lockedUntilOf(deps.db, username, now.toISOString());
  if (!locked) return;
  await logSecurityEvent(deps, {
    kind: "sign_in_refused_locked",
    username,
    user,
    ip,
    detail: { lockedUntil: locked },
  });
  throw lockedAt(locked, now);
}

export function lockedAt(until: string, now: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
  return new AppError("account_locked", { details: { lockedUntil: until, retryAfterSeconds } });
}

/**
 * Counts one failed attempt (a wrong password or a wrong second factor) against the name, atomically, logs it
 * in the security log, and throws: 423 when the name is (now) locked, else `failure`.
 */
export async function failAttempt(
  deps: Deps,
  a: {
    username: string;
    user?: UserRow | null;
    ip: string | null;
    kind: "sign_in_failed" | "totp_failed" | "totp_replayed" | "recovery_code_failed";
  },
  failure: AppError,
): Promise<never> {
  const now = deps.clock.now();
  const p = deps.config.auth;
  const outcome = await countLoginFailure(deps.db, {
    username: a.username,
    now: now.toISOString(),
    windowFloor: new Date(now.getTime() - p.failureWindowMinutes * minute).toISOString(),
    lockEnd: new Date(now.getTime() + p.lockMinutes * minute).toISOString(),
    maxFailures: p.maxFailures,
  });
  if (!outcome) {
    // Locked by a parallel attempt between our check and our count: not counted.
    const until = await lockedUntilOf(deps.db, a.username, now.toISOString());
    await logSecurityEvent(deps, {
      kind: "sign_in_refused_locked",
      username: a.username,
      user: a.user,
      ip: a.ip,
    });
    throw lockedAt(until ?? now.toISOString(), now);
  }
  await logSecurityEvent(deps, {
    kind: a.kind,
    username: a.username,
    user: a.user,
    ip: a.ip,
    detail: { failures: outcome.failures },
  });
  if (outcome.lockedUntil) {
    await logSecurityEvent(deps, {
      kind: "account_locked",
      username: a.username,
      user: a.user,
      ip: a.ip,
      detail: { lockedUntil: outcome.lockedUntil, failures: outcome.failures },
    });
    throw lockedAt(outcome.lockedUntil, now);
  }
  throw failure;
}

/** Where a fresh session starts: a second factor to give, one to enrol first, or fully signed in. */
export function firstStage(user: UserRow): SessionStage {
  if (user.totpSecret) return "mfa_verify";
  return twoFactorRequired(user.role) ? "mfa_enrol" : "full";
}

/** Records a completed sign-in in the trail (a person's action) with the factors used. */
export function recordSignedIn(deps: Deps, tx: Deps["db"], user: UserRow, ip: string | null, factor: string) {
  return insertEvent(
    tx,
    { id: user.id, role: user.role as Role },
    {
      action: "user.signed_in",
      subjectType: "user",
      subjectId: user.id,
      regionCode: user.regionCode,
      data: { ip, factor },
    },
    deps.clock.now(),
  );
}

/**
 * Signs a user in with a password: refuses a locked name (423), checks the password with the same answer and
 * timing for unknown users, counts failures atomically (5 in 15 minutes lock the name), refuses an expired
 * temporary password, and opens a session. The session is half-authenticated ("mfa_verify" / "mfa_enrol")
 * when a second factor is enrolled or required; only then is the sign-in recorded in the trail.
 */
export async function signIn(
  deps: Deps,
  input: { username: string; password: string },
  ip: string | null,
): Promise<{ token: string; user: UserRow; expiresAt: string; stage: SessionStage }> {
  const now = deps.clock.now();
  const policy = deps.config.auth;
  const username = canonicalUsername(input.username);
  const user = await findUserByUsername(deps.db, username);
  await assertNotLocked(deps, username, ip, user);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyHash(policy), input.password).then(() => false);
  if (!ok || !user || user.status !== "active")
    return failAttempt(
      deps,
      { username, user, ip, kind: "sign_in_failed" },
      new AppError("invalid_credentials"),
    );
  // A parallel failure may have locked the name while the password was being checked.
  await assertNotLocked(deps, username, ip, user);
  if (user.passwordExpiresAt && user.passwordExpiresAt <= now.toISOString()) {
    await logSecurityEvent(deps, { kind: "temporary_password_expired", username, user, ip });
    throw new AppError("password_reset_expired");
  }

  const stage = firstStage(user);
  const token = randomBytes(32).toString("base64url");
  const lifetime = stage === "full" ? policy.absoluteHours * 60 * minute : pendingSessionMinutes * minute;
  const expiresAt = new Date(now.getTime() + lifetime).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await clearLoginFailures(tx, username, now.toISOString());
    await insertSession(tx, {
      id: sessionId(token),
      userId: user.id,
      kind: "bearer",
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      ip,
      stage,
    });
    if (stage === "full") {
      await updateUser(tx, user.id, { lastLoginAt: now.toISOString() });
      await recordSignedIn(deps, tx, user, ip, "password");
    }
  });
  return { token, user: { ...user, lastLoginAt: now.toISOString() }, expiresAt, stage };
}
