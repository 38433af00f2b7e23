import type { Kysely } from "kysely";
import type { Tx } from "../../../db/db";
import { forgetTrailHead, lockTrail } from "../../../db/queries/event-queries";
import { rollbackToSavepoint, savepoint } from "../../../db/savepoints";
import type { DB } from "../../../db/schema";

/**
 * Group commit for case commands. Every command appends to the one hash-chained trail, so commits are
 * serialised either way (SQLite has one writer; PostgreSQL takes the trail lock), and each commit waits
 * for the disk. Commands arriving together therefore share one transaction: each runs in its own
 * savepoint (a failing command rolls back only itself), the batch commits once (one fsync, one trail
 * lock), and every caller gets its own result after that commit.
 *
 * On PostgreSQL the batch takes the trail lock first, before any row lock, so batches of several server
 * processes queue in one order; should the database still report a deadlock or a serialisation failure,
 * the whole batch is rolled back and run again (the commands are re-runnable: they read everything inside
 * the transaction).
 */
interface Item {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

const maxBatch = 64;
const maxWaitMs = 10;
const attempts = 3;
const batchers = new WeakMap<Kysely<DB>, Batcher>();

/** PostgreSQL deadlock_detected / serialization_failure: the transaction may simply be run again. */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === "40P01" || code === "40001";
}

class Batcher {
  private queue: Item[] = [];
  private running = false;
  constructor(private readonly db: Kysely<DB>) {}

  submit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  /**
   * Lets the requests that have already arrived join before the batch starts: one turn of the event loop
   * (setImmediate runs after the pending network input has been handled) while the queue still grows, at
   * most `maxWaitMs` or until the batch is full. No timer: an idle system starts at once, and a busy one
   * never sits idle waiting for stragglers (they form the next batch).
   */
  private async gather() {
    const until = Date.now() + maxWaitMs;
    let seen = -1;
    while (this.queue.length !== seen && this.queue.length < maxBatch && Date.now() < until) {
      seen = this.queue.length;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Runs the batch in one transaction, each item in its own savepoint. */
  private run(batch: Item[]): Promise<Result[]> {
    return this.db.transaction().execute(async (tx) => {
      await lockTrail(tx);
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

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length) {
        await this.gather();
        const batch = this.queue.splice(0, maxBatch);
        let results: Result[] | null = null;
        let failure: unknown = null;
        for (let attempt = 1; attempt <= attempts && !results; attempt++) {
          try {
            results = await this.run(batch);
          } catch (error) {
            failure = error;
            if (!isRetryable(error)) break;
          }
        }
        if (!results) {
          for (const item of batch) item.reject(failure);
          continue;
        }
        batch.forEach((item, i) => {
          const r = results[i];
          if (r.ok) item.resolve(r.value);
          else item.reject(r.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}

/** Runs `work` in a group-committed transaction shared with the case commands arriving with it. */
export function inWriteTransaction<T>(db: Kysely<DB>, work: (tx: Tx) => Promise<T>): Promise<T> {
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher(db);
    batchers.set(db, b);
  }
  return b.submit(work);
}
