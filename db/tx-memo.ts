import type { Tx } from "./db";

/**
 * Reads reference data once per transaction. On SQLite case commands arriving together share one
 * group-committed transaction (server/commands/cases/write-batch.ts), and every read in it sees one
 * snapshot, so the departments of a county, the deadline rules or a department's users read by the
 * first command are what the next would read. Only for tables the commands sharing the transaction
 * never write; outside a transaction it just loads. Callers must not mutate what they get.
 */
const memos = new WeakMap<Tx, Map<string, Promise<unknown>>>();

export function onceInTx<T>(tx: Tx, key: string, load: () => Promise<T>): Promise<T> {
  if (!tx.isTransaction) return load();
  let memo = memos.get(tx);
  if (!memo) {
    memo = new Map();
    memos.set(tx, memo);
  }
  const hit = memo.get(key);
  if (hit) return hit as Promise<T>;
  const p = load();
  memo.set(key, p);
  p.catch(() => memo.delete(key));
  return p;
}
