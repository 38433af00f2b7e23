import type { Role } from "./roles";

/** The three administrators (三员) must sign in with a second factor; for everyone else it is optional. */
export const twoFactorRoles: readonly Role[] = ["system_admin", "security_admin", "auditor"];

export function twoFactorRequired(role: Role | string): boolean {
  return (twoFactorRoles as readonly string[]).includes(role);
}

/** Recovery codes handed out at enrolment (each usable once). */
export const recoveryCodeCount = 10;

/** Passwords a new one must differ from: the current one and the previous four. */
export const passwordHistoryDepth = 5;

/** A half-authenticated session (second factor pending) lasts this long. */
export const pendingSessionMinutes = 10;

/** TOTP parameters every authenticator app uses (RFC 6238 defaults). */
export const totpPeriodSeconds = 30;

/** A six-digit TOTP code, or a recovery code `xxxx-xxxx` (letters and digits). */
export const totpCodePattern = /^\d{6}$/;
export const recoveryCodePattern = /^[a-z0-9]{4}-?[a-z0-9]{4}$/i;
