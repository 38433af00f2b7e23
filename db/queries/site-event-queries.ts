import { sql } from "kysely";
import type { Actor } from "../../domain/auth/actor";
import type { Tx } from "../db";
import type { EventTable } from "../schema/core-tables";
import { eventHash, genesisHash, type NewEvent, trailRow } from "./event-queries";
import { bulkInsert } from "./site-queries";

/**
 * Appends many events to the hash-chained trail in one go (an import registers thousands of sites):
 * the same chain as `insertEvent` — each row's prev_hash is the hash of the row before — computed in
 * memory and inserted in multi-row batches. On PostgreSQL the same advisory lock serialises appenders.
 */
export async function insertEvents(
  tx: Tx,
  actor: Pick<Actor, "id" | "role"> | null,
  events: NewEvent[],
  at: Date,
  batch = 200,
): Promise<void> {
  if (events.length === 0) return;
  if (tx.getExecutor().adapter.constructor.name === "PostgresAdapter")
    await sql`select pg_advisory_xact_lock(727001)`.execute(tx);
  const last = await tx.selectFrom("event").select("hash").orderBy("id", "desc").limit(1).executeTakeFirst();
  let prev = last?.hash ?? genesisHash;
  const rows: Omit<EventTable, "id">[] = events.map((e) => {
    const row = trailRow(actor, e, at, prev);
    const hash = eventHash(row);
    prev = hash;
    return { ...row, hash };
  });
  await bulkInsert(tx, "event", rows, batch);
}
