import { type Kysely, sql } from "kysely";
import { genesisHash, legacyChain, merkleRoot, type RootLeaf } from "../../domain/trail/trail-root";
import { isPostgres, serialType } from "./migration-helpers";

/**
 * One hash chain per county (docs/trail.md). Every event gets its chain key and its position in that
 * chain (`seq`, 1-based). The rows written before this migration stay one chain, `legacy`, numbered in id
 * order, so they verify exactly as before (same hashes, same links, same anchors).
 *
 * `trail_chain` registers each chain with the previous hash of its first row. `trail_root` holds the
 * periodic seals: the Merkle root over every chain's (key, length, head hash) with the leaves themselves.
 * The first root, written here, seals the legacy chain as it is now (the migration root); every new
 * chain's first row links to that root's hash, so the new chains continue the old trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await sql`alter table event add column chain text not null default ${sql.lit(legacyChain)}`.execute(db);
  await sql`alter table event add column seq ${pg ? sql`bigint` : sql`integer`} not null default 0`.execute(
    db,
  );
  await sql`update event set seq = r.rn from (select id, row_number() over (order by id) as rn from event) as r where event.id = r.id`.execute(
    db,
  );
  await db.schema.createIndex("event_chain_seq_idx").on("event").columns(["chain", "seq"]).unique().execute();
  await db.schema
    .createTable("trail_chain")
    .addColumn("chain", "text", (c) => c.primaryKey())
    .addColumn("genesis", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("trail_root")
    .addColumn("id", serialType(db), (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("root", "text", (c) => c.notNull())
    .addColumn("leaves", "text", (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  const head = await sql<{ hash: string; n: number | string }>`
    select (select hash from event order by id desc limit 1) as hash, (select count(*) from event) as n`.execute(
    db,
  );
  const length = Number(head.rows[0]?.n ?? 0);
  const leaves: RootLeaf[] = [{ chain: legacyChain, seq: length, hash: head.rows[0]?.hash ?? genesisHash }];
  await sql`insert into trail_chain (chain, genesis, created_at) values (${legacyChain}, ${genesisHash}, ${now})`.execute(
    db,
  );
  await sql`insert into trail_root (at, root, leaves) values (${now}, ${merkleRoot(leaves)}, ${JSON.stringify(leaves)})`.execute(
    db,
  );
}
