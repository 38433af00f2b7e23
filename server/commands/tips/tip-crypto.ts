import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";

const keys = new Map<string, Buffer>();

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("SAFEGRID_TIP_KEY must be 32 bytes (64 hex digits or base64)");
  return key;
}

/**
 * The tip key (R28 informant protection): SAFEGRID_TIP_KEY, or `<dataDir>/tip.key` made at the first start
 * (mode 0600). Never stored in the database, so a copy of the database alone cannot reveal an informant.
 */
export function tipKey(config: Pick<Config, "tips" | "dataDir">): Buffer {
  const id = config.tips.key ? `env:${config.tips.key}` : `file:${config.dataDir}`;
  const known = keys.get(id);
  if (known) return known;
  let key: Buffer;
  if (config.tips.key) key = parseKey(config.tips.key);
  else {
    const file = path.join(config.dataDir, "tip.key");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    }
    key = parseKey(fs.readFileSync(file, "utf8"));
  }
  keys.set(id, key);
  return key;
}

/** A key for one purpose, derived from the tip key (the sealing key itself signs nothing). */
function subKey(config: Pick<Config, "tips" | "dataDir">, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", tipKey(config), Buffer.alloc(0), purpose, 32));
}

/** AES-256-GCM with the tip's id as associated data: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealIdentity(config: Pick<Config, "tips" | "dataDir">, tipId: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subKey(config, "informant-identity"), iv);
  cipher.setAAD(Buffer.from(tipId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openIdentity(
  config: Pick<Config, "tips" | "dataDir">,
  tipId: string,
  sealed: string,
): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed identity");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    subKey(config, "informant-identity"),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAAD(Buffer.from(tipId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
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
