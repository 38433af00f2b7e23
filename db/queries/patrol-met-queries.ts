import type { PatrolTally } from "../../domain/assessment/coverage-indicators";
import type { Tx } from "../db";

/** The township keys (nine digits, or the whole shorter code) of a county or township `prefix`. */
const keyRange = (prefix: string): [string, string] => [prefix, prefix.padEnd(9, "9")];

/**
 * The patrol rollups of a county or township (migration 202612151000): its owing sites per kind, risk level
 * and registration day, and the met counts of the frequencies asked for whose period begins on a day in
 * [fromDay, toDay] — summed over its townships, a few hundred rows rather than its sites.
 */
export async function patrolTallyUnder(
  db: Tx,
  prefix: string,
  frequencies: readonly string[],
  fromDay: string,
  toDay: string,
): Promise<PatrolTally> {
  const [lo, hi] = keyRange(prefix);
  const [owing, met] = await Promise.all([
    db
      .selectFrom("siteOwing")
      .select(["kind", "riskLevel", "createdDay", (eb) => eb.fn.sum<number>("sites").as("sites")])
      .where("regionCode", ">=", lo)
      .where("regionCode", "<=", hi)
      .groupBy(["kind", "riskLevel", "createdDay"])
      .execute(),
    frequencies.length === 0
      ? []
      : db
          .selectFrom("patrolMet")
          .select([
            "kind",
            "riskLevel",
            "frequency",
            "periodStart",
            (eb) => eb.fn.sum<number>("sites").as("sites"),
          ])
          .where("regionCode", ">=", lo)
          .where("regionCode", "<=", hi)
          .where("frequency", "in", frequencies)
          .where("periodStart", ">=", fromDay)
          .where("periodStart", "<=", toDay)
          .groupBy(["kind", "riskLevel", "frequency", "periodStart"])
          .execute(),
  ]);
  const risk = (r: string) => (r === "" ? null : r);
  return {
    owing: owing
      .map((r) => ({ ...r, riskLevel: risk(r.riskLevel), sites: Number(r.sites) }))
      .filter((r) => r.sites !== 0),
    met: met
      .map((r) => ({ ...r, riskLevel: risk(r.riskLevel), sites: Number(r.sites) }))
      .filter((r) => r.sites !== 0),
  };
}
