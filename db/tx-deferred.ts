import { dialectOf, type Tx } from "./db";

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

/**
 * Rows of a table gathered for one multi-row insert at the batch's end. Only on PostgreSQL, where every
 * statement is a round trip (a socket write, a wake-up of the server); on SQLite a statement is a call in
 * the process and deferring would only delay it. The rows are readable meanwhile (`pendingRows`) for the
 * few reads a later command of the same batch makes of them (a site's recent cases).
 */
class RowWrites implements DeferredWrites {
  readonly rows: Record<string, unknown>[] = [];
  constructor(private readonly write: (tx: Tx, rows: Record<string, unknown>[]) => Promise<unknown>) {}
  async flush(tx: Tx) {
    for (let i = 0; i < this.rows.length; i += 100) await this.write(tx, this.rows.slice(i, i + 100));
  }
}

/** Defers `rows` of `table` when this transaction defers (PostgreSQL only); false: write them now. */
export function deferRows<R extends object>(
  tx: Tx,
  table: string,
  rows: readonly R[],
  write: (tx: Tx, rows: R[]) => Promise<unknown>,
): boolean {
  if (!pending.has(tx) || dialectOf(tx) !== "postgres") return false;
  const s = deferred(tx, `rows:${table}`, () => new RowWrites(write as never));
  s?.rows.push(...(rows as unknown as Record<string, unknown>[]));
  return true;
}

/** Rows of `table` deferred in this transaction and not yet written. */
export function pendingRows<R>(tx: Tx, table: string): readonly R[] {
  const s = pending.get(tx)?.get(`rows:${table}`) as RowWrites | undefined;
  return (s?.rows ?? []) as readonly R[];
}

/** Whether this transaction defers row writes now (PostgreSQL group commits on their fast path). */
export function defersRows(tx: Tx): boolean {
  return pending.has(tx) && dialectOf(tx) === "postgres";
}
