import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { queryGrams, searchQuery } from "../../domain/site/site-search";
import { type Dialect, dialectOf, type Tx } from "../db";

/**
 * How a register search finds its sites (issue 11; db/migrations/202612101000-site-search.ts):
 * - `grams`: the gram index gives the sites that have every gram of the query (FTS5 on SQLite, GIN on
 *   PostgreSQL); the substring is checked on those only. Fast when few sites have the grams.
 * - `scan`: the substring is checked on every site the other conditions leave, in the order of the
 *   `site_search_order_idx` index (region, name, id, with the search text): a page stops at its last row,
 *   a count reads the index, not the sites. Used for queries without grams (one character) and for
 *   words so common that looking each candidate up would cost more than reading the index (加油, 超市).
 * Both give the same sites: the gram index only narrows. PostgreSQL's planner weighs the two itself (the GIN
 * index has statistics of its grams): there a query with grams always offers the index. SQLite's planner
 * cannot know how many sites an FTS5 match gives: a probe decides (`searchPath`).
 */
export type SearchPath = "grams" | "scan";

/** Above this many sites having the query's grams (in the whole register), a search on SQLite scans. */
export const gramCandidateLimit = 2000;

const ftsMatch = (grams: string[]) => grams.map((g) => `"${g}"`).join(" AND ");

/**
 * Which way to search for `q`. On SQLite, a probe of the FTS5 index that reads at most
 * `gramCandidateLimit` + 1 rows; on PostgreSQL the index whenever the query has grams (see above).
 */
export async function searchPath(db: Tx, q: string): Promise<SearchPath> {
  const grams = queryGrams(searchQuery(q));
  if (grams.length === 0) return "scan";
  if (dialectOf(db) === "postgres") return "grams";
  const probe = sql<{ n: number }>`select count(*) as n from (select rowid from site_search_fts
    where site_search_fts match ${ftsMatch(grams)} limit ${gramCandidateLimit + 1})`;
  const { n } = (await probe.execute(db)).rows[0];
  return Number(n) > gramCandidateLimit ? "scan" : "grams";
}

/**
 * The register's text search as a condition on `site`: the sites whose normalised name or address contains
 * the query (domain/site/site-search.ts), or whose credit code it is.
 */
export function textSearch(
  // biome-ignore lint/suspicious/noExplicitAny: any select from `site`
  eb: ExpressionBuilder<any, any>,
  q: string,
  dialect: Dialect,
  path: SearchPath,
): Expression<SqlBool> {
  const text = searchQuery(q);
  const grams = path === "grams" ? queryGrams(text) : [];
  const contains =
    dialect === "postgres"
      ? sql<SqlBool>`strpos(site.search_text, ${text}) > 0`
      : sql<SqlBool>`instr(site.search_text, ${text}) > 0`;
  const indexed =
    grams.length === 0
      ? null
      : dialect === "postgres"
        ? sql<SqlBool>`string_to_array(site.search_grams, ' ') @> ${grams}::text[]`
        : sql<SqlBool>`site.id in (select site_id from site_search where no in
            (select rowid from site_search_fts where site_search_fts match ${ftsMatch(grams)}))`;
  const found = indexed ? eb.and([indexed, contains]) : contains;
  // a credit code is 18 letters and digits (checked when stored): other queries cannot be one, and leaving
  // the alternative out keeps the gram index the whole condition (no re-check of it on every row)
  const code = q.trim().toUpperCase();
  return /^[0-9A-Z]{18}$/.test(code) ? eb.or([found, eb("site.uscc", "=", code)]) : found;
}
