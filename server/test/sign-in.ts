import type { FastifyInstance } from "fastify";
import { generate } from "otplib";
import { testPassword } from "./fixtures";

/** The TOTP secret pre-enrolled for the test world's administrators (system, security, audit). */
export const testTotpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

export type MovableClock = { now(): Date; advance(by: { minutes: number }): void };
const lastSteps = new WeakMap<object, Map<string, number>>();

/**
 * A TOTP code for `username` at the injected clock. Each step is accepted once (replays are refused), so when
 * this user already used the current step the clock moves to the next one, as a person waits for the next code.
 */
export async function nextTotpCode(clock: MovableClock, username: string, secret = testTotpSecret) {
  const used = lastSteps.get(clock) ?? new Map<string, number>();
  lastSteps.set(clock, used);
  let step = Math.floor(clock.now().getTime() / 30_000);
  if ((used.get(username) ?? -1) >= step) {
    clock.advance({ minutes: ((step + 1) * 30_000 - clock.now().getTime()) / 60_000 });
    step += 1;
  }
  used.set(username, step);
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
}

/**
 * Signs in as a test user the way the console does: password, then (administrators) the TOTP code. Any answer
 * other than success throws with the server's answer: no retry.
 */
export async function signInForTest(
  app: FastifyInstance,
  clock: MovableClock,
  username: string,
  password = testPassword,
): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const { token, stage } = res.json() as { token: string; stage: string };
  if (stage === "full") return token;
  if (stage !== "mfa_verify")
    throw new Error(`login ${username}: second factor not enrolled (stage ${stage})`);
  const verify = await app.inject({
    method: "POST",
    url: "/api/v1/auth/totp/verify",
    headers: { authorization: `Bearer ${token}` },
    payload: { code: await nextTotpCode(clock, username) },
  });
  if (verify.statusCode !== 204) throw new Error(`totp ${username}: ${verify.statusCode} ${verify.body}`);
  return token;
}
