import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const argon2id = 2;

import type { AuthSettings } from "../../config";

/** argon2id hash with the configured cost. */
export function hashPassword(password: string, s: AuthSettings): Promise<string> {
  return hash(password, { algorithm: argon2id, ...s.argon2 });
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the user does not exist, so both answers take the same time. */
export function dummyHash(s: AuthSettings): Promise<string> {
  dummy ??= hashPassword("not-a-password-of-anyone", s);
  return dummy;
}
