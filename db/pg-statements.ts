import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Server-side prepared statements for the hot queries on PostgreSQL. Kysely's driver sends every query
 * unnamed, so the server parses and plans it on every call; for the short statements of a case command
 * (a 45-column insert, the sign-in read) that is a large part of the database's CPU. SQL texts that
 * `db/compiled-queries.ts` reuses are registered here (`preferPrepared`), and a pooled connection then
 * sends them as named statements: parsed once per connection, afterwards only bound and executed.
 *
 * Should a named statement's result type change under it (another process migrated a table that a
 * `select *` or `returning` reads: PostgreSQL answers 0A000 "cached plan must not change result type"),
 * that text goes back to unnamed statements for good, so a rolling upgrade costs one failed request per
 * text, not one per request. Named statements need session pooling (not pgbouncer's transaction mode).
 */
const names = new Map<string, string>();
const limit = 2000;
/** Texts that failed as named statements: always sent unnamed from then on. */
const unnamed = new Set<string>();

/** The SQL text is run often with new parameters: send it as a named statement. */
export function preferPrepared(sql: string): void {
  if (names.has(sql) || unnamed.has(sql) || names.size >= limit) return;
  names.set(sql, `sg_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`);
}

/** Whether a text is sent named (tests). */
export function isPrepared(sql: string): boolean {
  return names.has(sql);
}

const planChanged = (err: unknown) => (err as { code?: string })?.code === "0A000";

/** Wraps a pooled client's `query` so registered texts are sent as named statements. */
export function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query;
  // biome-ignore lint/suspicious/noExplicitAny: pg's query is heavily overloaded; we pass calls through
  (client as any).query = function (this: pg.PoolClient, config: unknown, values?: unknown, cb?: unknown) {
    if (typeof config === "string" && Array.isArray(values) && cb === undefined) {
      const name = names.get(config);
      if (name) {
        const p = (query as (c: pg.QueryConfig) => Promise<pg.QueryResult>).call(this, {
          name,
          text: config,
          values,
        });
        return p.catch((err: unknown) => {
          if (planChanged(err)) {
            names.delete(config);
            unnamed.add(config);
          }
          throw err;
        });
      }
    }
    // biome-ignore lint/complexity/noArguments: the original overload, unchanged
    return (query as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
  };
}
