import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Where a 32-byte key comes from: its env var (name used in the error message), else a file in dataDir. */
export interface KeySource {
  envName: string;
  envValue: string | undefined;
  dataDir: string;
  fileName: string;
}

const keys = new Map<string, Buffer>();

function parseKey(text: string, envName: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${envName} must be 32 bytes (64 hex digits or base64)`);
  return key;
}

/** The key from the env var, or `<dataDir>/<fileName>` made at the first use (mode 0600); cached. */
export function loadKey(source: KeySource): Buffer {
  const id = source.envValue
    ? `${source.envName}:env:${source.envValue}`
    : `${source.envName}:file:${source.dataDir}`;
  const known = keys.get(id);
  if (known) return known;
  let key: Buffer;
  if (source.envValue) key = parseKey(source.envValue, source.envName);
  else {
    const file = path.join(source.dataDir, source.fileName);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(source.dataDir, { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    }
    key = parseKey(fs.readFileSync(file, "utf8"), source.envName);
  }
  keys.set(id, key);
  return key;
}

/** AES-256-GCM, optional associated data: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealGcm(key: Buffer, plain: string, aad?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Opens what sealGcm made; `notSealed` is the message when the text is not in that form. */
export function openGcm(key: Buffer, sealed: string, notSealed: string, aad?: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error(notSealed);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
