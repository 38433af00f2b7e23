import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../db/db";

/** A benchmark's own database: a SQLite file in a fresh temp folder, or a fresh schema of BENCH_DATABASE_URL. */
export interface BenchDatabase {
  database: Database;
  /** A fresh temp folder (the SQLite file's, also for the app's data directory). */
  dir: string;
  /** The SQLite file (null on PostgreSQL): benches that fill tables in bulk write it directly. */
  file: string | null;
  /** Closes nothing; drops the PostgreSQL schema and removes the temp folder. */
  drop: () => Promise<void>;
  /**
   * CPU seconds used so far by this process (all its threads) and, on PostgreSQL, by the server backends
   * of this bench's pool (/proc of a server on this machine; null when it cannot be read). The difference
   * over a phase, per request, is a cost that does not move with other work on a shared machine.
   */
  cpuSeconds: () => Promise<{ node: number; db: number | null }>;
}

const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** utime + stime of a process, in seconds (USER_HZ is 100 on Linux). */
function procCpu(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** `BENCH_KEEP=1` keeps a bench's database for a look afterwards (query plans); says where on stderr. */
function keep(where: string): boolean {
  if (process.env.BENCH_KEEP !== "1") return false;
  process.stderr.write(`bench database kept: ${where}\n`);
  return true;
}

/**
 * `BENCH_REUSE=<file or schema>` (a database an earlier run kept with BENCH_KEEP=1): a bench that supports it
 * (the dashboard) opens that one, skips filling it, and leaves it in place.
 */
export const benchReuse = process.env.BENCH_REUSE || null;

export async function openBenchDatabase(
  name: string,
  opts: { poolSize?: number } = {},
): Promise<BenchDatabase> {
  const url = process.env.BENCH_DATABASE_URL;
  if (benchReuse) return reusedBenchDatabase(benchReuse, url, opts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sg-bench-${name}-`));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (!url) {
    const file = path.join(dir, `${name}.db`);
    return {
      database: openDatabase({ file }),
      dir,
      file,
      drop: async () => (keep(file) ? undefined : removeDir()),
      cpuSeconds: async () => ({ node: nodeCpu(), db: null }),
    };
  }
  const schema = `bench_${name.replace(/\W/g, "_")}_${Date.now()}`;
  const admin = async (statement: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(statement, params)).rows;
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  return {
    database: openDatabase({
      url,
      schema,
      applicationName: schema,
      ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
    }),
    dir,
    file: null,
    async cpuSeconds() {
      const rows = await admin("select pid from pg_stat_activity where application_name = $1", [schema]);
      const each = rows.map((r) => procCpu(Number(r.pid)));
      const db = each.every((c) => c !== null) ? each.reduce<number>((a, c) => a + (c ?? 0), 0) : null;
      return { node: nodeCpu(), db };
    },
    drop: async () => {
      if (keep(`schema ${schema}`)) return;
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      removeDir();
    },
  };
}

function reusedBenchDatabase(
  where: string,
  url: string | undefined,
  opts: { poolSize?: number },
): BenchDatabase {
  const nothing = async () => undefined;
  if (!url) {
    if (!fs.existsSync(where)) throw new Error(`BENCH_REUSE: no file ${where}`);
    return {
      database: openDatabase({ file: where }),
      dir: path.dirname(where),
      file: where,
      drop: nothing,
      cpuSeconds: async () => ({ node: nodeCpu(), db: null }),
    };
  }
  return {
    database: openDatabase({
      url,
      schema: where,
      applicationName: where,
      ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
    }),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), "sg-bench-reuse-")),
    file: null,
    drop: nothing,
    cpuSeconds: async () => ({ node: nodeCpu(), db: null }),
  };
}

/** A table filled in bulk, with its columns in the order of the values each row gives. */
export interface BulkTable {
  name: string;
  columns: readonly string[];
}

/**
 * Fills tables in bulk, fast. The tables' secondary indexes are dropped first and rebuilt at the end (one
 * sort each instead of a b-tree update per row), then the planner's statistics are refreshed. On SQLite
 * through a connection of its own to the file: prepared inserts in transactions of 50,000 steps without
 * fsync. On PostgreSQL on one connection without waiting for each commit's flush: 5,000 rows a statement
 * sent as one JSON parameter and unpacked by `json_populate_recordset` (a parameter per value made the
 * server parse and bind 13,000 of them per 1,000 rows), the next batch built while the server inserts the
 * last. `steps` yields one entry per table (in the order of `tables`) per step: a row, or null for none.
 * `keepIndexes`: leave the tables' indexes in place (a table whose insert trigger looks rows of it up by an
 * index: `patrol`, whose trigger asks whether the site already had a check-in in the period). Answers the
 * number of steps.
 */
export async function bulkInsert(
  bench: Pick<BenchDatabase, "database" | "file">,
  tables: readonly BulkTable[],
  steps: Iterable<readonly (readonly unknown[] | null)[]>,
  opts: { keepIndexes?: boolean } = {},
): Promise<number> {
  if (bench.file) return bulkInsertSqlite(bench.file, tables, steps, opts.keepIndexes ?? false);
  return bench.database.db.connection().execute(async (conn) => {
    const run = (q: string) => sql.raw(q).execute(conn);
    const names = tables.map((t) => t.name);
    const { rows: found } = await sql<{ name: string; def: string }>`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in (${sql.join(names)})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname
          and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))`.execute(
      conn,
    );
    const indexes = opts.keepIndexes ? [] : found;
    for (const ix of indexes) await run(`drop index "${ix.name}"`);
    await run("set synchronous_commit = off");
    let n = 0;
    // The batch the server is inserting while the next one is built (its failure is thrown at the next await).
    let inFlight: Promise<unknown> = Promise.resolve();
    const pending: Record<string, unknown>[][] = tables.map(() => []);
    const flush = async (i: number) => {
      const rows = pending[i];
      if (!rows.length) return;
      pending[i] = [];
      const t = tables[i];
      const cols = t.columns.join(",");
      await inFlight;
      inFlight = sql`insert into ${sql.raw(t.name)} (${sql.raw(cols)})
        select ${sql.raw(cols)} from json_populate_recordset(null::${sql.raw(t.name)}, ${JSON.stringify(rows)}::json)`.execute(
        conn,
      );
    };
    for (const step of steps) {
      n++;
      for (const [i, row] of step.entries()) {
        if (!row) continue;
        const o: Record<string, unknown> = {};
        tables[i].columns.forEach((c, j) => {
          o[c] = row[j];
        });
        pending[i].push(o);
        // Earlier tables first: a row may refer to rows of an earlier table of the same step (foreign keys).
        if (pending[i].length === 5000) for (let k = 0; k <= i; k++) await flush(k);
      }
    }
    for (let i = 0; i < tables.length; i++) await flush(i);
    await inFlight;
    await run("set synchronous_commit = on");
    await run("set maintenance_work_mem = '512MB'");
    for (const ix of indexes) await run(ix.def);
    await run("reset maintenance_work_mem");
    for (const t of tables) await run(`analyze ${t.name}`);
    return n;
  });
}

function bulkInsertSqlite(
  file: string,
  tables: readonly BulkTable[],
  steps: Iterable<readonly (readonly unknown[] | null)[]>,
  keepIndexes: boolean,
): number {
  let n = 0;
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144"); // 256 MB: the index rebuilds sort in memory
  db.pragma("temp_store = MEMORY");
  const names = tables.map((t) => t.name);
  const indexes = keepIndexes
    ? []
    : (db
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${names.map(() => "?").join(",")})`,
        )
        .all(...names) as { name: string; sql: string }[]);
  for (const ix of indexes) db.exec(`drop index ${ix.name}`);
  const inserts = tables.map((t) =>
    db.prepare(
      `insert into ${t.name} (${t.columns.join(",")}) values (${t.columns.map(() => "?").join(",")})`,
    ),
  );
  const flush = db.transaction((batch: (readonly (readonly unknown[] | null)[])[]) => {
    for (const step of batch)
      step.forEach((row, i) => {
        if (row) inserts[i].run(row as unknown[]);
      });
  });
  let batch: (readonly (readonly unknown[] | null)[])[] = [];
  for (const step of steps) {
    batch.push(step);
    n++;
    if (batch.length === 50_000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  for (const ix of indexes) db.exec(ix.sql);
  db.exec("analyze");
  db.close();
  return n;
}

/** The 95th percentile (null for no samples), to two decimals. */
export function p95(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] * 100) / 100;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; the milliseconds of each measured run. */
export async function timeRuns(warmup: number, runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Statistics for tables a bench filled after its bulk loads' own analyze (a rollup, trigger-kept tables), as
 * a database in service has them from autovacuum: without them PostgreSQL planned the province's daily
 * series on a 17-million-row rollup as if it were empty (a filter instead of an index condition: 250 ms
 * instead of 0.5 ms).
 */
export async function analyzeTables(database: Database, tables: readonly string[]): Promise<void> {
  for (const t of tables) await sql.raw(`analyze ${t}`).execute(database.db);
}
