import type { Kysely } from "kysely";
import { dialectOf, poolMax, type Tx } from "../../../db/db";
import { forgetTrailHead, loadChainHeads, lockChains } from "../../../db/queries/event-queries";
import { rollbackToSavepoint, savepoint } from "../../../db/savepoints";
import type { DB } from "../../../db/schema";
import { deferWrites, flushDeferred } from "../../../db/tx-deferred";
import { shareReferenceData } from "../../../db/tx-memo";

/**
 * Group commit for case commands. Every command appends to its county's hash chain, and each commit
 * waits for the disk. Commands arriving together therefore share one transaction (a failing command
 * rolls back only itself: see `run`), the batch commits once (one fsync), and every caller gets its own
 * result after that commit.
 *
 * On PostgreSQL up to `lanesOf(pool)` batches run at once on different connections, each over chains no
 * other running batch holds (see `pump`); a batch takes its chains' locks first (sorted, before any row lock), so batches of
 * several server processes queue in one order. A command that could not name its chains beforehand runs
 * in a batch alone with nothing else running. Should the database still report a deadlock or a
 * serialisation failure, the whole batch is rolled back and run again (the commands are re-runnable: they
 * read everything inside the transaction). SQLite has a single writer: one batch at a time.
 */
interface Item {
  work: (tx: Tx) => Promise<unknown>;
  /** The trail chains the work appends to, when known beforehand (locked first, in sorted order). */
  chains: readonly string[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

const maxBatch = 64;
/** Fewest commands a batch is given when the gathered commands are spread over several lanes. */
const minBatch = 24;
/**
 * Batches running at once on PostgreSQL, each on its own pooled connection: three quarters of the pool
 * (the rest serves sign-in reads and queries outside the batches). Each batch is a chain of round trips,
 * so commits of different counties only overlap when there are lanes for them.
 */
export const lanesOf = (poolSize: number) => Math.max(1, poolSize - Math.ceil(poolSize / 4));
/** The key of a command whose chains are unknown: it conflicts with every other batch. */
const anyChain = "*";
const keysOf = (item: Item) => (item.chains.length ? item.chains : [anyChain]);
const maxWaitMs = 10;
/** Event-loop turns without a new command after which a batch starts (see `gather`). */
const quietTurns = 3;
const attempts = 3;
const batchers = new WeakMap<Kysely<DB>, Batcher>();

/** PostgreSQL deadlock_detected / serialization_failure: the transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === "40P01" || code === "40001";
}

class Batcher {
  private queue: Item[] = [];
  /** Chains (or `anyChain`) held by the running batches. */
  private busy = new Set<string>();
  private running = 0;
  private gathering = false;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly lanes: number,
  ) {}

  submit<T>(work: (tx: Tx) => Promise<T>, chains: readonly string[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, chains, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  /**
   * Starts batches while lanes are free: the commands gathered meanwhile (see `gather`), split by chain
   * over as many batches as there are free lanes, but no batch under `minBatch` commands: each batch pays
   * its own round trips (begin, locks, heads, deferred writes, commit), so a few commands go together,
   * and many are spread over lanes that commit in parallel.
   */
  private async pump() {
    if (this.gathering || this.running >= this.lanes || this.queue.length === 0) return;
    this.gathering = true;
    try {
      await this.gather();
    } finally {
      this.gathering = false;
    }
    for (const batch of this.take(this.lanes - this.running)) void this.runBatch(batch);
  }

  /**
   * The next batches (at most `free`): queued commands, oldest first, whose chains no running batch holds,
   * grouped by chain, the groups dealt out to the batches that have fewest commands so far. A command with
   * unknown chains runs only when nothing else does, in one batch (and holds up newer commands while it
   * waits, so it is not starved).
   */
  private take(free: number): Item[][] {
    if (free <= 0 || this.busy.has(anyChain)) return [];
    const taken: Item[] = [];
    const rest: Item[] = [];
    let exclusive = false;
    let i = 0;
    for (; i < this.queue.length && taken.length < maxBatch * free; i++) {
      const item = this.queue[i];
      const keys = keysOf(item);
      const any = keys.includes(anyChain);
      if (any ? this.running > 0 : keys.some((k) => this.busy.has(k))) {
        if (any && taken.length === 0) break;
        rest.push(item);
        continue;
      }
      exclusive ||= any;
      taken.push(item);
    }
    this.queue = [...rest, ...this.queue.slice(i)];
    if (taken.length === 0) return [];
    for (const item of taken) for (const k of keysOf(item)) this.busy.add(k);
    const groups = new Map<string, Item[]>();
    for (const item of taken) {
      const first = [...keysOf(item)].sort()[0];
      const g = groups.get(first);
      if (g) g.push(item);
      else groups.set(first, [item]);
    }
    const count = exclusive ? 1 : Math.max(1, Math.min(free, Math.floor(taken.length / minBatch)));
    const batches: Item[][] = Array.from({ length: count }, () => []);
    for (const g of [...groups.values()].sort((a, b) => b.length - a.length)) {
      const smallest = batches.reduce((a, b) => (b.length < a.length ? b : a));
      smallest.push(...g);
    }
    // A batch over the batch size is cut (the parts queue on their chains' locks, in one order).
    return batches.flatMap((b) =>
      Array.from({ length: Math.ceil(b.length / maxBatch) }, (_, j) =>
        b.slice(j * maxBatch, (j + 1) * maxBatch),
      ),
    );
  }

  private async runBatch(batch: Item[]) {
    this.running++;
    try {
      let results: Result[] | null = null;
      let failure: unknown = null;
      let safe = false;
      for (let attempt = 1; attempt <= attempts && !results; attempt++) {
        try {
          results = await this.run(batch, safe);
        } catch (error) {
          if (error instanceof FastPathMiss) {
            // Alone in its batch, its failure is its own; else every command runs again in a savepoint.
            if (batch.length === 1) results = [{ ok: false, error: error.error }];
            safe = true;
            attempt--;
            continue;
          }
          failure = error;
          if (!isRetryable(error)) break;
        }
      }
      batch.forEach((item, i) => {
        const r = results?.[i];
        if (!r) item.reject(failure);
        else if (r.ok) item.resolve(r.value);
        else item.reject(r.error);
      });
    } finally {
      this.running--;
      for (const item of batch) for (const k of keysOf(item)) this.busy.delete(k);
      void this.pump();
    }
  }

  /**
   * Lets the requests that have already arrived join before the batch starts: turns of the event loop
   * (setImmediate runs after the pending network input has been handled) until `quietTurns` pass in a row
   * without the queue growing, at most `maxWaitMs` or until the batch is full. One quiet turn is not
   * enough: a request on a new connection is accepted in one turn and read in a later one, so a burst of
   * public tips (each on its own connection) used to commit one tip per transaction. No timer: an idle
   * system starts after a few empty turns (microseconds), and a busy one never sits idle waiting for
   * stragglers (they form the next batch).
   */
  private async gather() {
    const until = Date.now() + maxWaitMs;
    let seen = this.queue.length;
    let quiet = 0;
    while (quiet < quietTurns && this.queue.length < maxBatch && Date.now() < until) {
      await new Promise((r) => setImmediate(r));
      if (this.queue.length === seen) quiet++;
      else {
        quiet = 0;
        seen = this.queue.length;
      }
    }
  }

  /**
   * Runs the batch in one transaction. First without savepoints and with the deferrable writes gathered
   * into one statement per table at the end (db/tx-deferred.ts): the common case, where every command
   * succeeds, costs no round trip per command for them. Should a command (or that final write) fail, the
   * transaction is rolled back (`FastPathMiss`) and the batch runs again `safe`: each command in its own
   * savepoint (a failing command rolls back only itself) with its writes sent at once.
   */
  private run(batch: Item[], safe: boolean): Promise<Result[]> {
    return this.db.transaction().execute(async (tx) => {
      const chains = batch.flatMap((item) => item.chains);
      await lockChains(tx, chains);
      await loadChainHeads(tx, chains);
      await shareReferenceData(this.db, tx);
      if (!safe) return runFast(tx, batch);
      const results: Result[] = [];
      for (const [i, item] of batch.entries()) {
        // Savepoints are not released one by one (a round trip each on PostgreSQL): the commit ends them.
        await savepoint(tx, `b${i}`);
        try {
          results[i] = { ok: true, value: await item.work(tx) };
        } catch (error) {
          // SQLite rolls the whole transaction back by itself on SQLITE_FULL or an I/O error; the savepoint
          // is gone then, and the batch must fail with that cause, not with "no such savepoint".
          await rollbackToSavepoint(tx, `b${i}`).catch(() => {
            throw error;
          });
          forgetTrailHead(tx);
          results[i] = { ok: false, error };
        }
      }
      // A deadlock inside one command aborts the whole transaction's chances: run the batch again.
      const retry = results.find((r) => !r.ok && isRetryable(r.error));
      if (retry && !retry.ok) throw retry.error;
      return results;
    });
  }
}

/** A command (or the batch's deferred writes) failed on the fast path: run the batch again, safe. */
class FastPathMiss {
  constructor(readonly error: unknown) {}
}

async function runFast(tx: Tx, batch: Item[]): Promise<Result[]> {
  const miss = (error: unknown) => (isRetryable(error) ? error : new FastPathMiss(error));
  deferWrites(tx);
  const results: Result[] = [];
  for (const item of batch) {
    try {
      results.push({ ok: true, value: await item.work(tx) });
    } catch (error) {
      throw miss(error);
    }
  }
  try {
    await flushDeferred(tx);
  } catch (error) {
    throw miss(error);
  }
  return results;
}

/**
 * Runs `work` in a group-committed transaction shared with the case commands arriving with it. `chains`:
 * the trail chains the work will append to, when the caller knows them (the batch locks them first); a
 * chain not named is locked when the work first appends to it.
 */
export function inWriteTransaction<T>(
  db: Kysely<DB>,
  work: (tx: Tx) => Promise<T>,
  chains: readonly string[] = [],
): Promise<T> {
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher(db, dialectOf(db) === "postgres" ? lanesOf(poolMax(db) ?? 4) : 1);
    batchers.set(db, b);
  }
  return b.submit(work, chains);
}
