import { type Kysely, sql } from "kysely";
import type { Dialect, Tx } from "../../../db/db";
import type { DB } from "../../../db/schema";

/**
 * Group commit for the embedded database. SQLite has one writer and every commit waits for the disk
 * (synchronous=FULL), so case commands arriving together share one transaction: each runs in its own
 * savepoint (a failing command rolls back only itself), the batch commits once, and every caller gets its
 * own result after that commit. PostgreSQL runs each command in its own transaction.
 */
interface Item {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const maxBatch = 64;
const maxWaitMs = 10;
const batchers = new WeakMap<Kysely<DB>, Batcher>();

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

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length) {
        await this.gather();
        let batch: Item[] = [];
        const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await this.db.transaction().execute(async (tx) => {
            // Taken once the connection is ours: everything that queued while waiting joins this commit.
            batch = this.queue.splice(0, maxBatch);
            for (const [i, item] of batch.entries()) {
              await sql.raw(`savepoint b${i}`).execute(tx);
              try {
                results[i] = { ok: true, value: await item.work(tx) };
                await sql.raw(`release b${i}`).execute(tx);
              } catch (error) {
                await sql.raw(`rollback to b${i}`).execute(tx);
                await sql.raw(`release b${i}`).execute(tx);
                results[i] = { ok: false, error };
              }
            }
          });
        } catch (error) {
          for (const item of batch) item.reject(error);
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

/** Runs `work` in a transaction: a shared, group-committed one on SQLite, its own on PostgreSQL. */
export function inWriteTransaction<T>(
  db: Kysely<DB>,
  dialect: Dialect,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (dialect !== "sqlite") return db.transaction().execute(work);
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher(db);
    batchers.set(db, b);
  }
  return b.submit(work);
}
