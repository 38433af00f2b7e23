import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Config } from "../../config";
import { loadKey, openGcm, sealGcm } from "../auth/key-file";

/**
 * The tip key (R28 informant protection): SAFEGRID_TIP_KEY, or `<dataDir>/tip.key` made at the first start
 * (mode 0600). Never stored in the database, so a copy of the database alone cannot reveal an informant.
 */
export function tipKey(config: Pick<Config, "tips" | "dataDir">): Buffer {
  return loadKey({
    envName: "SAFEGRID_TIP_KEY",
    envValue: config.tips.key,
    dataDir: config.dataDir,
    fileName: "tip.key",
  });
}

/** Derived keys per tip key (loadKey answers the same Buffer for the same key), by purpose. */
const derived = new WeakMap<Buffer, Map<string, Buffer>>();

/** A key for one purpose, derived from the tip key (the sealing key itself signs nothing); derived once. */
function subKey(config: Pick<Config, "tips" | "dataDir">, purpose: string): Buffer {
  const key = tipKey(config);
  let mine = derived.get(key);
  if (!mine) {
    mine = new Map();
    derived.set(key, mine);
  }
  let sub = mine.get(purpose);
  if (!sub) {
    sub = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), purpose, 32));
    mine.set(purpose, sub);
  }
  return sub;
}

/** AES-256-GCM with the tip's id as associated data: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealIdentity(config: Pick<Config, "tips" | "dataDir">, tipId: string, plain: string): string {
  return sealGcm(subKey(config, "informant-identity"), plain, tipId);
}

export function openIdentity(
  config: Pick<Config, "tips" | "dataDir">,
  tipId: string,
  sealed: string,
): string {
  return openGcm(subKey(config, "informant-identity"), sealed, "not a sealed identity", tipId);
}

export function powSign(config: Pick<Config, "tips" | "dataDir">, text: string): string {
  return createHmac("sha256", subKey(config, "proof-of-work")).update(text).digest("base64url");
}

const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A tracking code: 160 random bits as 32 base32 characters. */
export function newTrackingCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += base32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** What the database keeps of a tracking code. */
export const trackingHash = (code: string) => createHash("sha256").update(`tip:${code}`).digest("hex");
