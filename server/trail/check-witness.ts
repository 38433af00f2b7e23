import type { Tx } from "../../db/db";
import { findTrailRoots } from "../../db/queries/trail-root-queries";
import { readWitnessFile } from "./witness";

export interface WitnessCheck {
  ok: boolean;
  /** Witness lines found in the database with the same root. */
  matched: number;
  firstBroken: {
    /** The witness line's root id (or the file's line number for `witness_unreadable`). */
    id: number;
    reason: "witness_root_missing" | "witness_root_mismatch" | "witness_unreadable";
  } | null;
}

/**
 * Every root the witness saw must still be in the database with the same hash. A database rolled back
 * to an older copy, or rows deleted together with their roots, lacks the witness's newest roots; the
 * rows under each root that is there are checked by `verifyTrail` (its leaves against the chains).
 */
export async function checkWitness(db: Tx, file: string, batch = 1000): Promise<WitnessCheck> {
  const { lines, unreadable } = readWitnessFile(file);
  let matched = 0;
  for (let i = 0; i < lines.length; i += batch) {
    const part = lines.slice(i, i + batch);
    const found = new Map(
      (
        await findTrailRoots(
          db,
          part.map((l) => l.id),
        )
      ).map((r) => [Number(r.id), r.root]),
    );
    for (const line of part) {
      const root = found.get(line.id);
      if (root === undefined)
        return { ok: false, matched, firstBroken: { id: line.id, reason: "witness_root_missing" } };
      if (root !== line.root)
        return { ok: false, matched, firstBroken: { id: line.id, reason: "witness_root_mismatch" } };
      matched++;
    }
  }
  if (unreadable.length)
    return { ok: false, matched, firstBroken: { id: unreadable[0], reason: "witness_unreadable" } };
  return { ok: true, matched, firstBroken: null };
}
