import { owedPeriodsOf, type PatrolTally } from "../../domain/assessment/coverage-indicators";
import type { Period } from "../../domain/assessment/indicator";
import type { PatrolFrequency } from "../../domain/patrol/patrol-plan";
import type { Tx } from "../db";

/** The township keys (nine digits, or the whole shorter code) of a county or township `prefix`. */
const keyRange = (prefix: string): [string, string] => [prefix, prefix.padEnd(9, "9")];

/**
 * The patrol rollups of a county or township (migration 202612151000): its owing sites per kind, risk level
 * and registration day, and the met counts of the frequencies asked for over the first days of their periods
 * owed in `p` (`owedPeriodsOf`) — summed over its townships, a few hundred rows rather than its sites.
 */
export async function patrolTallyUnder(
  db: Tx,
  prefix: string,
  frequencies: readonly PatrolFrequency[],
  p: Period,
): Promise<PatrolTally> {
  const [lo, hi] = keyRange(prefix);
  const starts = frequencies.flatMap((f) => owedPeriodsOf(f, p).map((q) => q.startDay)).sort();
  const [owing, met] = await Promise.all([
    db
      .selectFrom("siteOwing")
      .select(["kind", "riskLevel", "createdDay", (eb) => eb.fn.sum<number>("sites").as("sites")])
      .where("regionCode", ">=", lo)
      .where("regionCode", "<=", hi)
      .groupBy(["kind", "riskLevel", "createdDay"])
      .execute(),
    starts.length === 0
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
          .where("periodStart", ">=", starts[0])
          .where("periodStart", "<=", starts[starts.length - 1])
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
