import { clearTally, insertTallyRows } from "../../../db/queries/case-tally-queries";
import { tallyMetrics } from "../../../domain/indicators/case-tally";
import type { Deps } from "../../deps";
import { recountTally } from "./recount-tally";

/**
 * Rebuilds the rollup from the trail (the demo generator, which writes its cases' history directly, and an
 * operator after restoring an old backup): empties it and writes the recount, in one transaction.
 */
export async function rebuildTally(deps: Pick<Deps, "db" | "calendar">): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    await clearTally(tx);
    const counted = await recountTally(tx, deps.calendar);
    const rows = [...counted]
      .filter(([, t]) => tallyMetrics.some((m) => t[m] !== 0))
      .map(([key, t]) => {
        const [regionCode, grain, period, dim, dimValue] = key.split("|");
        return { regionCode, level: regionCode.length, grain, period, dim, dimValue, ...t };
      });
    await insertTallyRows(tx, rows);
    return rows.length;
  });
}
