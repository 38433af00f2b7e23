import { createHash } from "node:crypto";

/** The key of the legacy chain: every event written before the trail was split by county. */
export const legacyChain = "legacy";

/** The previous hash of the first event ever written (the legacy chain's genesis). */
export const genesisHash = "0".repeat(64);

/**
 * The hash chain an event belongs to: its county (the first 6 digits of its region code); a province's
 * or city's event (2 or 4 digits) is on that region's own chain; an event without a region (or with a
 * code that is not digits) is on the chain "". No key can equal `legacyChain`.
 */
export function chainOf(regionCode: string | null): string {
  if (!regionCode || !/^\d+$/.test(regionCode)) return "";
  return regionCode.length >= 6 ? regionCode.slice(0, 6) : regionCode;
}

/** One sealed chain head: the chain, its length (the head's seq; 0 for an empty chain) and its hash. */
export interface RootLeaf {
  chain: string;
  seq: number;
  hash: string;
}

const sha = (...parts: string[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\n");
  return h.digest("hex");
};

/** Leaves in the one order a root is computed over: by chain key (code-unit order, as stored). */
export function sortLeaves(leaves: readonly RootLeaf[]): RootLeaf[] {
  return [...leaves].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/**
 * The Merkle root over the sorted (chain, length, head hash) leaves: leaf = sha256("leaf", chain, seq,
 * hash), node = sha256("node", left, right), an odd node is carried up unchanged; no leaves: sha256("empty").
 */
export function merkleRoot(leaves: readonly RootLeaf[]): string {
  let level = sortLeaves(leaves).map((l) => sha("leaf", l.chain, String(l.seq), l.hash));
  if (level.length === 0) return sha("empty");
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? sha("node", level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}
