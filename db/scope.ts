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
