import {
  prepareTallyRecount,
  rebuildCountyTally,
  tallyCounties,
} from "../../../db/queries/case-tally-rebuild-queries";
import type { Deps } from "../../deps";

/**
 * Rebuilds the rollup from the trail, county by county, each in its own transaction with one set-based
 * statement (db/queries/case-tally-rebuild-queries.ts): the demo generator and the dashboard bench, which
 * write their cases' history directly, and an operator repairing the rollup after restoring an old backup.
 * `counties` limits it to those (default: every county); `lock: false` only for a database nothing else
 * writes to (see `rebuildCountyTally`). Answers the number of rollup rows written.
 */
export async function rebuildTally(
  deps: Pick<Deps, "db" | "calendar">,
  opts: { counties?: readonly string[]; lock?: boolean } = {},
): Promise<number> {
  let rows = 0;
  for (const county of opts.counties ?? (await tallyCounties(deps.db)))
    rows += await deps.db.transaction().execute(async (tx) => {
      await prepareTallyRecount(tx, deps.calendar);
      return rebuildCountyTally(tx, county, deps.calendar, { lock: opts.lock });
    });
  return rows;
}
