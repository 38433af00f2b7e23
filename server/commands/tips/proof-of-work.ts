import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { AppError } from "../../../domain/errors";
import type { Config } from "../../config";
import { powSign } from "./tip-crypto";

/** A challenge lives this long; each is accepted once (per process). */
const lifetimeMs = 10 * 60_000;
const used = new Map<string, number>();

/** `<expiresAtMs>.<random>.<bits>.<hmac>`: stateless, checked by its signature. */
export function newChallenge(config: Config, now: Date) {
  const bits = config.tips.powBits;
  const body = `${now.getTime() + lifetimeMs}.${randomBytes(12).toString("hex")}.${bits}`;
  return { challenge: `${body}.${powSign(config, body)}`, bits };
}

/** Leading zero bits of sha256(`<challenge>:<nonce>`). */
export function leadingZeroBits(challenge: string, nonce: string): number {
  const digest = createHash("sha256").update(`${challenge}:${nonce}`).digest();
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    n += Math.clz32(byte) - 24;
    break;
  }
  return n;
}

const refused = () =>
  new AppError("tip_check_failed", {
    zh: "验证未通过或已过期，请刷新页面后重新提交",
    en: "The check failed or expired; reload the page and send again",
  });

/** Checks and uses up a challenge (hashcash-like proof of work; no outside service). */
export function consumeChallenge(config: Config, challenge: string, nonce: string, now: Date): void {
  const parts = challenge.split(".");
  if (parts.length !== 4) throw refused();
  const [expires, , bitsText, sig] = parts;
  const body = parts.slice(0, 3).join(".");
  const want = Buffer.from(powSign(config, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) throw refused();
  if (Number(expires) < now.getTime()) throw refused();
  if (Number(bitsText) < config.tips.powBits) throw refused();
  if (leadingZeroBits(challenge, nonce) < Number(bitsText)) throw refused();
  if (used.has(challenge)) throw refused();
  forgetExpired(now.getTime());
  used.set(challenge, Number(expires));
}

/**
 * Drops used challenges that have expired (an expired one is refused by its time anyway). At most once a
 * minute: walking every challenge used in the last ten minutes on each tip made a burst quadratic.
 */
let nextSweep = 0;
function forgetExpired(now: number) {
  if (now < nextSweep) return;
  nextSweep = now + 60_000;
  for (const [c, at] of used) if (at < now) used.delete(c);
}
