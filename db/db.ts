import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  sql,
  type Transaction,
} from "kysely";
import pg from "pg";
import { useNamedStatements } from "./pg-statements";
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

/**
 * The dialect of every database opened here, by its query adapter (a transaction shares its database's
 * adapter): queries that differ by dialect ask `dialectOf(tx)` instead of guessing from class names.
 */
const dialects = new WeakMap<object, Dialect>();

export function registered(database: Database): Database {
  dialects.set(database.db.getExecutor().adapter, database.dialect);
  return database;
}

/** The dialect of a database or transaction opened by `openDatabase` (or `registered`). */
// biome-ignore lint/suspicious/noExplicitAny: migrations hold a Kysely<unknown>
export function dialectOf(db: Kysely<any> | Transaction<any>): Dialect {
  const dialect = dialects.get(db.getExecutor().adapter);
  if (!dialect) throw new Error("dialectOf: a database not opened through openDatabase");
  return dialect;
}

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
  /** PostgreSQL: statement_timeout and lock_timeout per connection (0 = none), waiting for a connection. */
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** PostgreSQL application_name of this pool's sessions (tests terminate only their own). */
  applicationName?: string;
  /** SQLite busy_timeout (default 5 s). */
  busyTimeoutMs?: number;
  /** Where a lost connection is reported (the pool then opens a new one); default console.error. */
  onConnectionError?: (err: Error) => void;
}

/**
 * A PostgreSQL pool that survives the server going away: an error on an idle or checked-out connection
 * (57P01 after a restart or pg_terminate_backend, a reset socket) is reported, the broken client is
 * dropped, and the next query opens a new connection. Without these listeners node exits on the
 * unhandled 'error' event. Every session gets the statement and lock timeouts, so a stalled database
 * answers with an error instead of holding the request.
 */
function openPool(url: string, opts: OpenOptions): pg.Pool {
  const settings = [
    opts.schema ? `-c search_path=${opts.schema}` : "",
    `-c statement_timeout=${Math.max(0, Math.round(opts.statementTimeoutMs ?? 0))}`,
    `-c lock_timeout=${Math.max(0, Math.round(opts.lockTimeoutMs ?? 0))}`,
  ];
  // Settings in the URL (`?options=-c search_path=…`) would replace ours: join them into one.
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get("options");
  parsed.searchParams.delete("options");
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: opts.poolSize ?? 10,
    options: [fromUrl ?? "", ...settings].filter(Boolean).join(" "),
    application_name: opts.applicationName ?? "safegrid",
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 0,
  });
  const report =
    opts.onConnectionError ?? ((err: Error) => console.error("database connection lost:", err.message));
  pool.on("error", report);
  pool.on("connect", (client) => {
    client.on("error", report);
    useNamedStatements(client);
  });
  return pool;
}

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/** Connections of a PostgreSQL pool (metrics): open, idle, and queries waiting for one; null on SQLite. */
export function poolUsage(db: Kysely<DB>): { total: number; idle: number; waiting: number } | null {
  const pool = pools.get(db);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** The pool behind a PostgreSQL database (its settings open side connections, e.g. a LISTEN); null on SQLite. */
export function poolOf(db: Kysely<DB>): pg.Pool | null {
  return pools.get(db) ?? null;
}

/** The most connections a PostgreSQL pool opens; null on SQLite. */
export function poolMax(db: Kysely<DB>): number | null {
  return pools.get(db)?.options.max ?? null;
}

/**
 * After a failed COMMIT (a full disk, an I/O error) SQLite has already rolled the transaction back, and
 * the ROLLBACK Kysely then sends fails with "cannot rollback - no transaction is active", which replaced
 * the real cause (SQLITE_FULL) in the error and the log. Outside a transaction ROLLBACK does nothing here.
 */
function forgivingRollback(sqlite: SQLite.Database, inner: SqliteDatabase): SqliteDatabase {
  const noop = {
    reader: false,
    run: () => ({ changes: 0, lastInsertRowid: 0 }),
  } as unknown as SQLite.Statement;
  return {
    prepare: (text: string) => (text === "rollback" && !sqlite.inTransaction ? noop : inner.prepare(text)),
    close: () => inner.close(),
  };
}

/** What an embedded connection reports for the settings durability depends on (2 = FULL). */
export async function sqliteDurability(
  db: Kysely<DB>,
): Promise<{ synchronous: number; journalMode: string }> {
  const value = async (pragma: "synchronous" | "journal_mode") =>
    Object.values((await sql<Record<string, unknown>>`pragma ${sql.raw(pragma)}`.execute(db)).rows[0])[0];
  return {
    synchronous: Number(await value("synchronous")),
    journalMode: String(await value("journal_mode")),
  };
}

/** Opens the database: PostgreSQL when a URL is given, otherwise embedded SQLite (WAL, foreign keys, durable). */
export function openDatabase(opts: OpenOptions = {}): Database {
  const plugins = [new CamelCasePlugin()];
  if (opts.url) {
    const pool = openPool(opts.url, opts);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    pools.set(db, pool);
    return registered({ db, dialect: "postgres", schema: opts.schema, close: () => db.destroy() });
  }
  const file = opts.file ?? path.join(opts.dataDir ?? "data", "safegrid.db");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // synchronous=FULL: an acknowledged commit survives kill -9 and power loss (NORMAL would not survive power loss).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
  const database = forgivingRollback(sqlite, cachedStatements(sqlite));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), plugins });
  return registered({ db, dialect: "sqlite", close: () => db.destroy() });
}
