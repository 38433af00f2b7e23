import type { Config } from "../../config";
import { loadKey, openGcm, sealGcm } from "./key-file";

/** The key that encrypts stored secrets: SAFEGRID_SECRET_KEY, or `<dataDir>/secret.key` (made once, mode 0600). */
export function secretKey(config: Config): Buffer {
  return loadKey({
    envName: "SAFEGRID_SECRET_KEY",
    envValue: config.auth.secretKey,
    dataDir: config.dataDir,
    fileName: "secret.key",
  });
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function seal(config: Config, plain: string): string {
  return sealGcm(secretKey(config), plain);
}

export function open(config: Config, sealed: string): string {
  return openGcm(secretKey(config), sealed, "not a sealed secret");
}
