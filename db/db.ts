import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import type { DB } from "./schema";
import { cachedStatements } from "./sqlite-statements";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** PostgreSQL schema in use when not the default (tests isolate each file in one). */
  schema?: string;
  close(): Promise<void>;
}

export type Tx = Kysely<DB> | Transaction<DB>;

// int8 (bigint, count(*)) comes back as a string by default; our counts and ids fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export interface OpenOptions {
  /** PostgreSQL connection string; SQLite when absent. */
  url?: string;
  /** SQLite file (":memory:" for tests); default `<dataDir>/safegrid.db`. */
  file?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  schema?: string;
  poolSize?: number;
}

/** Opens the database: PostgreSQL when a URL is given, otherwise embedded SQLite (WAL, foreign keys, durable). */
export function openDatabase(opts: OpenOptions = {}): Database {
  const plugins = [new CamelCasePlugin()];
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: "postgres", schema: opts.schema, close: () => db.destroy() };
  }
  const file = opts.file ?? path.join(opts.dataDir ?? "data", "safegrid.db");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // synchronous=FULL: an acknowledged commit survives kill -9 and power loss (NORMAL would not survive power loss).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }), plugins });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}
