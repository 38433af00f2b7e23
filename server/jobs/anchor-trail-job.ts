import { advanceOutbox, claimOutbox, insertTrailAnchor } from "../../db/queries/outbox-queries";
import type { Deps } from "../deps";

const consumer = "anchor-trail";

/**
 * Reads the trail (the event outbox) after commit and records an anchor, the hash of the newest event,
 * once per batch. The chain alone cannot show that its newest rows were cut off; an anchor can
 * (`verifyTrail` checks every anchor still matches its event).
 */
export async function runAnchorTrailJob(
  deps: Deps,
  batch = 5000,
): Promise<{ anchored: number | null; read: number }> {
  return deps.db.transaction().execute(async (tx) => {
    const at = deps.clock.now().toISOString();
    const { events } = await claimOutbox(tx, consumer, batch, at);
    const last = events.at(-1);
    if (!last) return { anchored: null, read: 0 };
    const eventId = Number(last.id);
    await insertTrailAnchor(tx, { eventId, hash: last.hash, at });
    await advanceOutbox(tx, consumer, eventId, at);
    return { anchored: eventId, read: events.length };
  });
}
