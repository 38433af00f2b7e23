import { dialectOf, type Tx } from "../db";

/**
 * The event table is the outbox: a consumer reads the events committed after its cursor, in id order.
 * Call inside a transaction; on PostgreSQL the cursor row is locked, so two processes never take the same batch.
 */
export async function claimOutbox(tx: Tx, consumer: string, limit: number, at: string) {
  await tx
    .insertInto("jobCursor")
    .values({ consumer, lastEventId: 0, updatedAt: at })
    .onConflict((oc) => oc.column("consumer").doNothing())
    .execute();
  const postgres = dialectOf(tx) === "postgres";
  const { lastEventId: cursor } = await tx
    .selectFrom("jobCursor")
    .select("lastEventId")
    .where("consumer", "=", consumer)
    .$if(postgres, (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow();
  const events = await tx
    .selectFrom("event")
    .selectAll()
    .where("id", ">", Number(cursor))
    .orderBy("id")
    .limit(limit)
    .execute();
  return { after: Number(cursor), events };
}

export function advanceOutbox(tx: Tx, consumer: string, lastEventId: number, at: string) {
  return tx
    .updateTable("jobCursor")
    .set({ lastEventId, updatedAt: at })
    .where("consumer", "=", consumer)
    .execute();
}

export function insertTrailAnchor(tx: Tx, row: { eventId: number; hash: string; at: string }) {
  return tx
    .insertInto("trailAnchor")
    .values(row)
    .onConflict((oc) => oc.column("eventId").doNothing())
    .execute();
}

export function listTrailAnchors(db: Tx) {
  return db.selectFrom("trailAnchor").selectAll().orderBy("eventId").execute();
}
