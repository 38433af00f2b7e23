import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import {
  acceptTotpStep,
  consumeRecoveryCode,
  replaceRecoveryCodes,
} from "../../../db/queries/credential-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { completeSession, deleteUserSessions } from "../../../db/queries/session-queries";
import { findUserById, type UserRow, updateUser } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import {
  recoveryCodeCount,
  recoveryCodePattern,
  totpCodePattern,
  totpPeriodSeconds,
} from "../../../domain/auth/two-factor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { open, seal } from "./secret-box";
import { sessionsChanged } from "./session-cache";
import { failAttempt, recordSignedIn } from "./sign-in";

const issuer = "SafeGrid 安全生产网格化监管平台";

/** The session a second-factor command works on. */
export interface SessionRef {
  id: string;
  stage: "full" | "mfa_verify" | "mfa_enrol";
  ip: string | null;
}

const epochOf = (deps: Deps) => Math.floor(deps.clock.now().getTime() / 1000);

/** Checks a code against a secret at the injected clock (one step of drift either way); the matched step or null. */
export async function matchTotp(deps: Deps, secret: string, code: string): Promise<number | null> {
  if (!totpCodePattern.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: epochOf(deps),
    epochTolerance: totpPeriodSeconds,
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

export const hashRecoveryCode = (code: string) =>
  createHash("sha256").update(code.replace("-", "").toLowerCase()).digest("hex");

function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = randomBytes(8);
    const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${s.slice(0, 4)}-${s.slice(4)}`;
  });
}

async function loadUser(deps: Deps, id: string): Promise<UserRow> {
  const user = await findUserById(deps.db, id);
  if (!user) throw new AppError("unauthenticated");
  return user;
}

/**
 * Starts (or restarts) enrolment: a new secret, kept encrypted as pending until confirmed, answered once with
 * its otpauth URI and a QR code. Refused when a factor is already enrolled (the security administrator resets).
 */
export async function startTotpEnrolment(deps: Deps, actor: Actor) {
  const user = await loadUser(deps, actor.id);
  if (user.totpSecret) throw new AppError("totp_already_enrolled");
  const secret = generateSecret();
  await updateUser(deps.db, user.id, { totpPendingSecret: seal(deps.config, secret) });
  const otpauthUrl = generateURI({ issuer, label: user.username, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 1, width: 240 });
  return { secret, otpauthUrl, qrDataUrl };
}

/**
 * Confirms enrolment with a code from the app: the pending secret becomes the factor, ten recovery codes are
 * made (answered once, stored hashed), the session becomes full when it was waiting for enrolment.
 */
export async function confirmTotpEnrolment(deps: Deps, actor: Actor, session: SessionRef, code: string) {
  const user = await loadUser(deps, actor.id);
  if (user.totpSecret) throw new AppError("totp_already_enrolled");
  if (!user.totpPendingSecret) throw new AppError("totp_not_started");
  const secret = open(deps.config, user.totpPendingSecret);
  const step = await matchTotp(deps, secret, code.trim());
  if (step === null)
    return failAttempt(
      deps,
      { username: user.username, user, ip: session.ip, kind: "totp_failed" },
      new AppError("totp_invalid"),
    );
  const codes = newRecoveryCodes();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, {
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnrolledAt: now,
      totpLastStep: step,
      updatedAt: now,
    });
    await replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode));
    await insertEvent(
      tx,
      actor,
      {
        action: "user.totp_enrolled",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: {},
      },
      deps.clock.now(),
    );
    if (session.stage !== "full") await finishSignIn(deps, tx, user, session, "totp_enrolled");
  });
  sessionsChanged(deps.db, user.id);
  return { recoveryCodes: codes };
}

async function finishSignIn(deps: Deps, tx: Deps["db"], user: UserRow, session: SessionRef, factor: string) {
  const now = deps.clock.now();
  await completeSession(
    tx,
    session.id,
    new Date(now.getTime() + deps.config.auth.absoluteHours * 3_600_000).toISOString(),
  );
  await updateUser(tx, user.id, { lastLoginAt: now.toISOString() });
  await recordSignedIn(deps, tx, user, session.ip, factor);
}

/**
 * The second step of sign-in: a TOTP code (each time step accepted once: a replay is `totp_replayed`) or an
 * unused recovery code. Wrong codes count toward the same lockout as wrong passwords.
 */
export async function verifySecondFactor(deps: Deps, actor: Actor, session: SessionRef, rawCode: string) {
  if (session.stage !== "mfa_verify") throw new AppError("totp_not_pending");
  const user = await loadUser(deps, actor.id);
  if (!user.totpSecret) throw new AppError("totp_not_pending");
  const code = rawCode.trim();
  const who = { username: user.username, user, ip: session.ip };
  let factor: string;
  if (totpCodePattern.test(code)) {
    const step = await matchTotp(deps, open(deps.config, user.totpSecret), code);
    if (step === null)
      return failAttempt(deps, { ...who, kind: "totp_failed" }, new AppError("totp_invalid"));
    if (!(await acceptTotpStep(deps.db, user.id, step)))
      return failAttempt(deps, { ...who, kind: "totp_replayed" }, new AppError("totp_replayed"));
    factor = "totp";
  } else if (recoveryCodePattern.test(code)) {
    const used = await consumeRecoveryCode(
      deps.db,
      user.id,
      hashRecoveryCode(code),
      deps.clock.now().toISOString(),
    );
    if (!used)
      return failAttempt(deps, { ...who, kind: "recovery_code_failed" }, new AppError("totp_invalid"));
    factor = "recovery_code";
  } else return failAttempt(deps, { ...who, kind: "totp_failed" }, new AppError("totp_invalid"));
  await deps.db.transaction().execute((tx) => finishSignIn(deps, tx, user, session, factor));
  sessionsChanged(deps.db, user.id);
}

/**
 * The security administrator's reset of someone's second factor (a lost phone): secret and recovery codes go,
 * the user's sessions end; an administrator role enrols again at the next sign-in.
 */
export async function resetTwoFactor(deps: Deps, actor: Actor, user: UserRow) {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, {
      totpSecret: null,
      totpPendingSecret: null,
      totpEnrolledAt: null,
      totpLastStep: null,
      updatedAt: now,
    });
    await replaceRecoveryCodes(tx, user.id, []);
    await deleteUserSessions(tx, user.id);
    await insertEvent(
      tx,
      actor,
      {
        action: "user.totp_reset",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: {},
      },
      deps.clock.now(),
    );
  });
  sessionsChanged(deps.db, user.id);
}

/**
 * Enrols a known secret without the confirmation step: only for accounts made by the command line, the demo
 * (which prints the secret beside the password) and the test world. Recorded in the trail like an enrolment.
 */
export async function preEnrolTotp(deps: Deps, userId: string, secret: string) {
  const user = await loadUser(deps, userId);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, {
      totpSecret: seal(deps.config, secret),
      totpEnrolledAt: now,
      totpLastStep: null,
    });
    await insertEvent(
      tx,
      null,
      {
        action: "user.totp_enrolled",
        subjectType: "user",
        subjectId: user.id,
        regionCode: user.regionCode,
        data: { preEnrolled: true },
      },
      deps.clock.now(),
    );
  });
}
