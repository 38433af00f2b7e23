import { genesisHash, legacyChain, merkleRoot, type RootLeaf } from "../../domain/trail/trail-root";
import type { Tx } from "../db";
import { eventHash } from "./event-queries";

export type TrailBreak =
  | "hash_mismatch"
  | "chain_broken"
  | "seq_gap"
  | "chain_unregistered"
  | "genesis_mismatch"
  | "anchor_mismatch"
  | "root_mismatch"
  | "root_leaf_missing";

export interface TrailCheck {
  ok: boolean;
  /** Rows whose hash and link verified. */
  checked: number;
  /** Chains walked, and roots whose Merkle root and leaves verified. */
  chains?: number;
  roots?: number;
  /** The first failure: an event id (a root id for root_mismatch / root_leaf_missing) and its chain. */
  firstBroken: { id: number; reason: TrailBreak; chain?: string } | null;
}

type Broken = NonNullable<TrailCheck["firstBroken"]>;

/**
 * The newest leaf of each chain over every root, after checking each root's Merkle root over its own
 * leaves. Checking that newest leaf is enough for the older ones: the chain that reaches it verifies link
 * by link, so it fixes every earlier row (an earlier leaf that no longer matched would need a collision).
 */
async function sealedHeads(db: Tx, batch: number) {
  const heads = new Map<string, RootLeaf & { rootId: number }>();
  let after = 0;
  let roots = 0;
  let migrationRoot: string | null = null;
  for (;;) {
    const rows = await db
      .selectFrom("trailRoot")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (rows.length === 0) return { heads, roots, migrationRoot, broken: null };
    for (const r of rows) {
      const id = Number(r.id);
      after = id;
      migrationRoot ??= r.root;
      let leaves: RootLeaf[];
      try {
        leaves = JSON.parse(r.leaves) as RootLeaf[];
      } catch {
        leaves = [];
      }
      if (!Array.isArray(leaves) || merkleRoot(leaves) !== r.root)
        return { heads, roots, migrationRoot, broken: { id, reason: "root_mismatch" } as Broken };
      for (const leaf of leaves) {
        const seen = heads.get(leaf.chain);
        if (seen?.seq === leaf.seq && seen.hash !== leaf.hash)
          return {
            heads,
            roots,
            migrationRoot,
            broken: { id, reason: "root_mismatch", chain: leaf.chain } as Broken,
          };
        if (!seen || seen.seq < leaf.seq) heads.set(leaf.chain, { ...leaf, rootId: id });
      }
      roots++;
    }
  }
}

/**
 * Verifies the whole trail: every root (its Merkle root over its leaves), every chain in (chain, seq)
 * order (its first row links to its registered genesis — zeros for the legacy chain, the migration root
 * for the county chains —, seq has no gap, each row's hash and link), each chain reaches the newest head a
 * root sealed for it with that very hash, and every legacy anchor still matches its event.
 */
export async function verifyTrail(db: Tx, batch = 5000): Promise<TrailCheck> {
  const sealed = await sealedHeads(db, batch);
  if (sealed.broken) return { ok: false, checked: 0, firstBroken: sealed.broken };
  const genesis = new Map(
    (await db.selectFrom("trailChain").select(["chain", "genesis"]).execute()).map((c) => [
      c.chain,
      c.genesis,
    ]),
  );
  let checked = 0;
  let chains = 0;
  const fail = (b: Broken): TrailCheck => ({
    ok: false,
    checked,
    chains,
    roots: sealed.roots,
    firstBroken: b,
  });
  const expectedGenesis = (chain: string) =>
    chain === legacyChain ? genesisHash : (sealed.migrationRoot ?? genesisHash);
  let chain: string | null = null;
  let prev = "";
  let seq = 0;
  const closeChain = (): Broken | null => {
    if (chain === null) return null;
    const head = sealed.heads.get(chain);
    sealed.heads.delete(chain);
    if (head && head.seq > seq) return { id: head.rootId, reason: "root_leaf_missing", chain };
    return null;
  };
  let cursor: { chain: string; seq: number } | null = null;
  for (;;) {
    let q = db.selectFrom("event").selectAll().orderBy("chain").orderBy("seq").limit(batch);
    if (cursor) {
      const c = cursor;
      q = q.where((eb) =>
        eb.or([eb("chain", ">", c.chain), eb.and([eb("chain", "=", c.chain), eb("seq", ">", c.seq)])]),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = Number(row.id);
      const rowSeq = Number(row.seq);
      if (row.chain !== chain) {
        const broken = closeChain();
        if (broken) return fail(broken);
        chain = row.chain;
        chains++;
        const g = genesis.get(chain);
        if (g === undefined) return fail({ id, reason: "chain_unregistered", chain });
        if (g !== expectedGenesis(chain)) return fail({ id, reason: "genesis_mismatch", chain });
        prev = g;
        seq = 0;
      }
      if (row.prevHash !== prev) return fail({ id, reason: "chain_broken", chain });
      if (rowSeq !== seq + 1) return fail({ id, reason: "seq_gap", chain });
      if (eventHash(row) !== row.hash) return fail({ id, reason: "hash_mismatch", chain });
      const head = sealed.heads.get(chain);
      if (head && head.seq === rowSeq && head.hash !== row.hash)
        return fail({ id: head.rootId, reason: "root_leaf_missing", chain });
      prev = row.hash;
      seq = rowSeq;
      checked++;
      cursor = { chain, seq };
    }
  }
  const broken = closeChain();
  if (broken) return fail(broken);
  // Chains a root sealed with rows that are all gone now (seq 0 is an empty chain: nothing to find).
  for (const [c, head] of sealed.heads)
    if (head.seq > 0) return fail({ id: head.rootId, reason: "root_leaf_missing", chain: c });
  return checkAnchors(db, { ok: true, checked, chains, roots: sealed.roots, firstBroken: null });
}

/** Every anchor of the single-chain trail must still match its event (the legacy rows, as before). */
async function checkAnchors(db: Tx, result: TrailCheck): Promise<TrailCheck> {
  const anchors = await db.selectFrom("trailAnchor").selectAll().orderBy("eventId").execute();
  for (const anchor of anchors) {
    const row = await db
      .selectFrom("event")
      .select("hash")
      .where("id", "=", anchor.eventId)
      .executeTakeFirst();
    if (row?.hash !== anchor.hash)
      return { ...result, ok: false, firstBroken: { id: Number(anchor.eventId), reason: "anchor_mismatch" } };
  }
  return result;
}
