import { type ExpressionBuilder, type ExpressionWrapper, sql } from "kysely";

const nothing = sql<boolean>`1 = 0`;

/**
 * The one jurisdiction filter every list query goes through: `column LIKE 'prefix%'` for any of the
 * actor's scope prefixes. An empty scope matches nothing. Prefixes are digits only (validated upstream);
 * they are still passed as parameters, never spliced into SQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: shared across every table's expression builder
export function inScope<EB extends ExpressionBuilder<any, any>>(
  eb: EB,
  column: string,
  scope: readonly string[],
): ExpressionWrapper<any, any, any> {
  const prefixes = scope.filter((p) => /^\d+$/.test(p));
  if (prefixes.length === 0) return nothing as never;
  return eb.or(prefixes.map((p) => eb(eb.ref(column), "like", `${p}%`))) as never;
}

/**
 * Codes under a region prefix as a range an index on the column can seek: region and grid codes are digit
 * strings of at most 15 digits, so those starting with `prefix` lie between it and it padded with nines,
 * in any collation. `LIKE 'prefix%'` reads the whole table on SQLite (its LIKE ignores case, so it uses
 * no index on a column of the default collation) and on PostgreSQL under a collation other than "C".
 */
// biome-ignore lint/suspicious/noExplicitAny: shared across every table's expression builder
export function underPrefix<EB extends ExpressionBuilder<any, any>>(
  eb: EB,
  column: string,
  prefix: string,
): ExpressionWrapper<any, any, any> {
  if (!/^\d{1,15}$/.test(prefix)) return nothing as never;
  return eb.and([
    eb(eb.ref(column), ">=", prefix),
    eb(eb.ref(column), "<=", prefix.padEnd(15, "9")),
  ]) as never;
}
