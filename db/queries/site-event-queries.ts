import type { Actor } from "../../domain/auth/actor";
import type { Tx } from "../db";
import { appendEvents, type NewEvent } from "./event-queries";

/**
 * Appends many events (an import registers thousands of sites) through the one trail writer,
 * `appendEvents`: the same chains, locks and hashes as `insertEvent`, in multi-row inserts.
 */
export async function insertEvents(
  tx: Tx,
  actor: Pick<Actor, "id" | "role"> | null,
  events: NewEvent[],
  at: Date,
  batch = 200,
): Promise<void> {
  await appendEvents(tx, actor, events, at, batch);
}
