import { sql } from "kysely";
import type { RootLeaf } from "../../domain/trail/trail-root";
import type { Tx } from "../db";

/** Every chain's head as committed now, one consistent read: (chain, seq, hash) per chain with rows. */
export async function chainHeads(db: Tx): Promise<RootLeaf[]> {
  const r = await sql<{ chain: string; seq: number | string; hash: string }>`
    select c.chain, e.seq, e.hash from trail_chain c
    join event e on e.chain = c.chain and e.seq = (select max(x.seq) from event x where x.chain = c.chain)`.execute(
    db,
  );
  return r.rows.map((row) => ({ chain: row.chain, seq: Number(row.seq), hash: row.hash }));
}

export function lastTrailRoot(db: Tx) {
  return db.selectFrom("trailRoot").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
}

export async function insertTrailRoot(
  db: Tx,
  row: { at: string; root: string; leaves: string },
): Promise<number> {
  const r = await db.insertInto("trailRoot").values(row).returning("id").executeTakeFirstOrThrow();
  return Number(r.id);
}

export function findTrailRoots(db: Tx, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("trailRoot")
    .select(["id", "root"])
    .where("id", "in", [...ids])
    .execute();
}
