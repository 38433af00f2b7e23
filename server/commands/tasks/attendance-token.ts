import { createHmac, randomBytes } from "node:crypto";

/**
 * The short-lived check-in code of a training session, shown by the trainer's console as a QR code and
 * readable aloud or typed: 8 characters of an HMAC (the session's own secret key) over the session id and
 * a 2-minute time step, like a TOTP. A code is accepted for the step it was made in and the one before (a
 * code scanned just before the step turned), judged by the phone's check-in time (an offline phone sends it
 * later); the check-in window and the clock-skew flag bound how that time can be bent.
 */
export const tokenStepMs = 120_000;
const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export const newTokenKey = () => randomBytes(32).toString("base64url");

export function attendanceToken(key: string, trainingId: string, atMs: number): string {
  const step = Math.floor(atMs / tokenStepMs);
  const mac = createHmac("sha256", key).update(`${trainingId}:${step}`).digest();
  let out = "";
  for (let i = 0; i < 8; i++) out += alphabet[mac[i] % alphabet.length];
  return out;
}

/** When the code shown now stops being offered (the console refreshes it then). */
export const tokenExpiresAt = (atMs: number) => new Date((Math.floor(atMs / tokenStepMs) + 1) * tokenStepMs);

export function validAttendanceToken(key: string, trainingId: string, token: string, atMs: number): boolean {
  return [0, -1].some((d) => attendanceToken(key, trainingId, atMs + d * tokenStepMs) === token);
}
