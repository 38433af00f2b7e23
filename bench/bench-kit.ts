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

export async function openBenchDatabase(
  name: string,
  opts: { poolSize?: number } = {},
): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sg-bench-${name}-`));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const file = path.join(dir, `${name}.db`);
    return {
      database: openDatabase({ file }),
      dir,
      file,
      drop: async () => removeDir(),
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
