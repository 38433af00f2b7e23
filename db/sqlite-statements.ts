import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of our
 * statements. This wraps the connection so that a statement is prepared once per SQL text and reused
 * (at most `limit` kept, oldest dropped first). A statement still iterating (a streamed query) is busy,
 * so a second one is prepared for that call. Statements survive schema changes: SQLite re-prepares them.
 */
export function cachedStatements(sqlite: SQLite.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(sql);
      if (!hit) {
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
