import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";

const keys = new Map<string, Buffer>();

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("SAFEGRID_SECRET_KEY must be 32 bytes (64 hex digits or base64)");
  return key;
}

/** The key that encrypts stored secrets: SAFEGRID_SECRET_KEY, or `<dataDir>/secret.key` (made once, mode 0600). */
export function secretKey(config: Config): Buffer {
  const id = config.auth.secretKey ?? `file:${config.dataDir}`;
  const known = keys.get(id);
  if (known) return known;
  let key: Buffer;
  if (config.auth.secretKey) key = parseKey(config.auth.secretKey);
  else {
    const file = path.join(config.dataDir, "secret.key");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    }
    key = parseKey(fs.readFileSync(file, "utf8"));
  }
  keys.set(id, key);
  return key;
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function seal(config: Config, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(config), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function open(config: Config, sealed: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(config), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
