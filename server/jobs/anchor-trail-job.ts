import type { Deps } from "../deps";
import { sealTrail } from "../trail/seal-trail";

/**
 * Every job pass (each minute by default) seals all chain heads into a trail root and writes it to the
 * witnesses (server/trail/seal-trail.ts); nothing is written when no chain grew since the last root.
 */
export async function runAnchorTrailJob(deps: Deps): Promise<{ anchored: number | null }> {
  const line = await sealTrail(deps);
  return { anchored: line?.id ?? null };
}
