import type { Tx } from "./db";

/**
 * Writes a group commit sends at its end (server/commands/cases/write-batch.ts). Rows of tables that no
 * command of the batch reads (the case rollup, seen markers) are gathered from every command and written
 * in one statement per table just before the commit, instead of one round trip per command. A batch
 * defers only while no command in it fails (it then runs again with each command's writes at once).
 */
export interface DeferredWrites {
  flush(tx: Tx): Promise<void>;
}

const pending = new WeakMap<Tx, Map<string, DeferredWrites>>();

/** From now on this transaction's deferrable writes are gathered (until `flushDeferred`). */
export function deferWrites(tx: Tx): void {
  pending.set(tx, new Map());
}

/** The transaction's gathered writes of `name` (made by `make` the first time); undefined: write at once. */
export function deferred<S extends DeferredWrites>(tx: Tx, name: string, make: () => S): S | undefined {
  const p = pending.get(tx);
  if (!p) return undefined;
  let s = p.get(name);
  if (!s) {
    s = make();
    p.set(name, s);
  }
  return s as S;
}

/** Writes what was gathered (one statement per table) and stops deferring. */
export async function flushDeferred(tx: Tx): Promise<void> {
  const p = pending.get(tx);
  pending.delete(tx);
  if (p) for (const s of p.values()) await s.flush(tx);
}
