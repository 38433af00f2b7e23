import { createHash } from "node:crypto";
import type { Tx } from "../../../db/db";
import {
  claimIdempotencyKey,
  findIdempotentResult,
  isUniqueViolation,
  storeIdempotentResult,
} from "../../../db/queries/idempotency-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { canonicalJson } from "../../../domain/trail/canonical-json";
import type { Deps } from "../../deps";
import { inWriteTransaction } from "./write-batch";

export interface Outcome<T> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replay: boolean;
}

/** What a key was used for: the operation and the request body without the key itself. */
export function requestHash(op: string, body: unknown): string {
  const { idempotencyKey: _k, ...rest } = (body ?? {}) as Record<string, unknown>;
  let text: string;
  try {
    text = canonicalJson(rest);
  } catch (err) {
    // The edge refuses deep input first (server/http/canonical-input.ts); this keeps the hash total.
    if (err instanceof RangeError) throw new AppError("input_too_complex");
    throw err;
  }
  return createHash("sha256").update(op).update("\n").update(text).digest("hex");
}

const reused = () =>
  new AppError("idempotency_key_reused", {
    status: 409,
    zh: "该幂等键已用于另一个请求",
    en: "This idempotency key was used for a different request",
  });

async function stored<T>(deps: Deps, actor: Actor, key: string, hash: string): Promise<Outcome<T> | null> {
  const found = await findIdempotentResult(deps.db, actor.id, key);
  if (!found) return null;
  if (found.requestHash !== hash) throw reused();
  if (found.statusCode === 0) return null;
  return { status: found.statusCode, body: found.response as T, replay: true };
}

/**
 * Runs `work` in one transaction. With a key: a stored result is replayed (same status and body); else
 * the key is claimed first in the same transaction (a concurrent duplicate waits, then replays) and the
 * result stored with the change, so the change and its record commit together or not at all. `chains`:
 * the trail chains the work appends to, when known (see `inWriteTransaction`).
 */
export async function runIdempotent<T>(
  deps: Deps,
  actor: Actor,
  idem: { key: string; hash: string } | null,
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
  chains: readonly string[] = [],
): Promise<Outcome<T>> {
  if (!idem) {
    const r = await inWriteTransaction(deps.db, work, chains);
    return { ...r, replay: false };
  }
  const before = await stored<T>(deps, actor, idem.key, idem.hash);
  if (before) return before;
  try {
    const r = await inWriteTransaction(
      deps.db,
      async (tx) => {
        await claimIdempotencyKey(tx, actor.id, idem.key, idem.hash, deps.clock.now().toISOString());
        const out = await work(tx);
        await storeIdempotentResult(tx, actor.id, idem.key, out.status, out.body);
        return out;
      },
      chains,
    );
    return { ...r, replay: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const after = await stored<T>(deps, actor, idem.key, idem.hash);
    if (after) return after;
    throw new AppError("conflict");
  }
}
