import { sql } from "kysely";
import { dialectOf, type Tx } from "../db";

/**
 * Figures computed by reading the cases themselves instead of the rollup (issue 13.2): what a dashboard
 * without `case_tally` would do, and the recount the rollup is checked against (bench/dashboard.ts).
 */

/** The Shanghai date (YYYY-MM-DD) of an ISO instant column. */
const shanghaiDay = (tx: Tx, column: string) =>
  dialectOf(tx) === "postgres"
    ? sql`to_char((${sql.raw(column)}::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
    : sql`date(${sql.raw(column)}, '+8 hours')`;

/**
 * Cases reported and cases closed per county and Shanghai month, by a full scan of the cases (each case
 * counted once for its report and once for its close: the recount of `case_tally`'s county months when no
 * case was reopened).
 */
export async function caseCountsByCountyMonth(
  tx: Tx,
): Promise<{ county: string; month: string; reported: number; closed: number }[]> {
  const reported = sql`substr(${shanghaiDay(tx, "reported_at")}, 1, 7)`;
  const closed = sql`substr(${shanghaiDay(tx, "closed_at")}, 1, 7)`;
  const { rows } = await sql<{ county: string; month: string; reported: number; closed: number }>`
    select county, month, sum(r) as reported, sum(c) as closed from (
      select county_code as county, ${reported} as month, 1 as r, 0 as c from case_record
      union all
      select county_code, ${closed}, 0, 1 from case_record where closed_at is not null
    ) x group by county, month`.execute(tx);
  return rows.map((r) => ({ ...r, reported: Number(r.reported), closed: Number(r.closed) }));
}

/**
 * Per sub-region (the first `childLength` digits) of a region: cases reported and cases closed between two
 * instants, by reading every case of the region (the dashboard's choropleth figures without the rollup).
 * The region's codes are digit strings, so they lie between the prefix and the prefix padded with nines.
 */
export async function scanChildFigures(
  tx: Tx,
  q: { regionCode: string; childLength: number; from: string; to: string },
): Promise<{ code: string; reported: number; closed: number }[]> {
  const { rows } = await sql<{ code: string; reported: number; closed: number }>`
    select substr(region_code, 1, ${sql.lit(Math.trunc(q.childLength))}) as code,
      sum(case when reported_at >= ${q.from} and reported_at < ${q.to} then 1 else 0 end) as reported,
      sum(case when closed_at >= ${q.from} and closed_at < ${q.to} then 1 else 0 end) as closed
    from case_record
    where region_code >= ${q.regionCode} and region_code <= ${q.regionCode.padEnd(15, "9")}
      and (reported_at < ${q.to})
    group by 1`.execute(tx);
  return rows.map((r) => ({ code: r.code, reported: Number(r.reported), closed: Number(r.closed) }));
}
