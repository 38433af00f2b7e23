import { chainHeads, insertTrailRoot, lastTrailRoot } from "../../db/queries/trail-root-queries";
import { merkleRoot, sortLeaves } from "../../domain/trail/trail-root";
import type { Deps } from "../deps";
import { appendWitnessFile, postWitness, type WitnessLine } from "./witness";

/**
 * Seals every chain head together: the Merkle root over the sorted (chain, length, head hash) leaves is
 * stored in `trail_root` with its leaves and time, then written to the witnesses outside the database
 * (the append-only file, and the external webhook when configured). Nothing new since the last root:
 * nothing is written (null). `verifyTrail` checks every root against the rows; `verify --witness` checks
 * that the database still holds every root the witness saw.
 */
export async function sealTrail(deps: Deps): Promise<WitnessLine | null> {
  const leaves = sortLeaves(await chainHeads(deps.db));
  const text = JSON.stringify(leaves);
  const last = await lastTrailRoot(deps.db);
  if (last && last.leaves === text) return null;
  const at = deps.clock.now().toISOString();
  const root = merkleRoot(leaves);
  const id = await insertTrailRoot(deps.db, { at, root, leaves: text });
  const line: WitnessLine = {
    id,
    at,
    root,
    chains: leaves.length,
    events: leaves.reduce((n, l) => n + l.seq, 0),
  };
  await witness(deps, line);
  return line;
}

async function witness(deps: Deps, line: WitnessLine): Promise<void> {
  const { witnessFile, witnessUrl, witnessKey } = deps.config.trail;
  if (witnessFile) appendWitnessFile(witnessFile, line);
  if (witnessUrl && witnessKey) await postWitness(witnessUrl, witnessKey, line, deps.config.outbound);
}

const pending = new WeakMap<Deps["db"], { running: Promise<void>; again: boolean }>();

/**
 * A seal soon after a commit that must not wait for the next job pass (a major-hazard case): at most one
 * seal runs per database at a time, and requests arriving meanwhile make one more. Only when a witness
 * is configured (the point is a root outside the database); failures are logged, never thrown.
 */
export function sealTrailSoon(deps: Deps, log: (err: unknown) => void = (err) => console.error(err)): void {
  const { witnessFile, witnessUrl } = deps.config.trail;
  if (!witnessFile && !witnessUrl) return;
  const state = pending.get(deps.db);
  if (state) {
    state.again = true;
    return;
  }
  const next = { running: Promise.resolve(), again: false };
  pending.set(deps.db, next);
  next.running = (async () => {
    do {
      next.again = false;
      await sealTrail(deps).catch(log);
    } while (next.again);
    pending.delete(deps.db);
  })();
}

/** Waits for a seal started by `sealTrailSoon` (tests; the shutdown seals once more itself). */
export function sealSettled(deps: Deps): Promise<void> {
  return pending.get(deps.db)?.running ?? Promise.resolve();
}
