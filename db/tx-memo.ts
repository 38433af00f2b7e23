import { type Kysely, sql } from "kysely";
import { dialectOf, type Tx } from "./db";
import type { DB } from "./schema";

/**
 * Reads reference data once per transaction. Case commands arriving together share one group-committed
 * transaction (server/commands/cases/write-batch.ts), and the departments of a county, the deadline
 * rules or a department's users read by the first command are what the next would read. Only for tables
 * the commands sharing the transaction never write; outside a transaction it just loads. Callers must
 * not mutate what they get.
 *
 * On PostgreSQL a group commit also keeps these reads across transactions (`shareReferenceData`): the
 * reference tables' triggers move one version counter on every write, from any process, and the batch
 * reads that counter first; while it is unchanged the batch uses what earlier batches read. Every read
 * through `onceInTx` must be of a table with that trigger (db/migrations/202612081100-reference-version.ts).
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
  // A shared read that failed (in another batch's transaction) is read again here.
  if (hit) return (hit as Promise<T>).catch(load);
  const p = load();
  memo.set(key, p);
  p.catch(() => memo.delete(key));
  return p;
}

/** Per database: the reference version and what batches read at it. */
const shared = new WeakMap<Kysely<DB>, { version: string; memo: Map<string, Promise<unknown>> }>();

/**
 * PostgreSQL: lets this transaction use (and add to) the reference data earlier transactions read at the
 * current reference version; one statement. It must come before the transaction's first `onceInTx`. A
 * change committed later is read by the next batch (the counter it reads first has moved), as a
 * statement of this transaction started before that commit would not have seen it either.
 */
export async function shareReferenceData(db: Kysely<DB>, tx: Tx): Promise<void> {
  if (dialectOf(tx) !== "postgres" || !tx.isTransaction) return;
  const { rows } = await sql<{ version: string }>`select version from reference_version where id = 1`.execute(
    tx,
  );
  const version = String(rows[0]?.version ?? "");
  const current = shared.get(db);
  if (current?.version === version) {
    memos.set(tx, current.memo);
    return;
  }
  const s = { version, memo: new Map<string, Promise<unknown>>() };
  // A batch that read an older version than the newest seen keeps its map to itself.
  if (!current || BigInt(version) > BigInt(current.version)) shared.set(db, s);
  memos.set(tx, s.memo);
}
