import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
}

export async function openBenchDatabase(
  name: string,
  opts: { poolSize?: number } = {},
): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sg-bench-${name}-`));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const file = path.join(dir, `${name}.db`);
    return { database: openDatabase({ file }), dir, file, drop: async () => removeDir() };
  }
  const schema = `bench_${name.replace(/\W/g, "_")}_${Date.now()}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  return {
    database: openDatabase({ url, schema, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) }),
    dir,
    file: null,
    drop: async () => {
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      removeDir();
    },
  };
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
