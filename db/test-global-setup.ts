import { randomInt } from "node:crypto";
import pg from "pg";

/**
 * Test schemas on PostgreSQL are named `t_<run>_<random>`, `<run>` being the pid of the vitest process that
 * made them and six random digits (db/test-db.ts), and dropped once after every file of that run has finished: dropping
 * them while other files run races with Kysely's catalog introspection in those files. At the start, the
 * schemas of runs whose process is gone (a killed run) are dropped; those of a run still going (two suites
 * at once on one machine) are left alone.
 */
/**
 * The run's id: its pid and six random digits. A pid alone is not unique where every shell job has a PID
 * namespace of its own: two runs with the same pid dropped each other's schemas at their end
 * ("schema t_876_… does not exist" in the middle of a migration).
 */
const run = `${process.pid}${String(randomInt(1_000_000)).padStart(6, "0")}`;
const pidOf = (runId: string) => Number(runId.slice(0, -6));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

async function dropSchemas(which: (name: string, createdAt: string | null) => boolean) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ nspname: string; made: string | null }>(
    "select nspname, obj_description(oid, 'pg_namespace') as made from pg_namespace where nspname ~ '^t_([0-9]+_)?[0-9a-f]{12,16}$'",
  );
  for (const { nspname, made } of rows)
    if (which(nspname, made)) await c.query(`DROP SCHEMA ${nspname} CASCADE`);
  await c.end();
}

/**
 * A run whose process this one cannot see (another PID namespace: a container, a sandboxed shell) looks dead;
 * its schemas are only taken for left-overs once they are three hours old.
 */
const stale = (createdAt: string | null) =>
  !createdAt || !(Date.parse(createdAt) > Date.now() - 3 * 3_600_000);

const runOf = (name: string) => /^t_(\d+)_/.exec(name)?.[1];

export async function setup() {
  process.env.SAFEGRID_TEST_RUN = run;
  await dropSchemas((name, createdAt) => {
    const owner = runOf(name);
    return owner === undefined || (owner !== run && !alive(pidOf(owner)) && stale(createdAt));
  });
  return () => dropSchemas((name) => runOf(name) === run);
}
