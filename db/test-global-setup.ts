import pg from "pg";

/**
 * Test schemas on PostgreSQL are named `t_<run>_<random>`, `<run>` being the pid of the vitest process
 * that made them (db/test-db.ts), and dropped once after every file of that run has finished: dropping
 * them while other files run races with Kysely's catalog introspection in those files. At the start, the
 * schemas of runs whose process is gone (a killed run) are dropped; those of a run still going (two suites
 * at once on one machine) are left alone.
 */
const run = String(process.pid);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

async function dropSchemas(which: (name: string) => boolean) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ nspname: string }>(
    "select nspname from pg_namespace where nspname ~ '^t_([0-9]+_)?[0-9a-f]{12,16}$'",
  );
  for (const { nspname } of rows) if (which(nspname)) await c.query(`DROP SCHEMA ${nspname} CASCADE`);
  await c.end();
}

const runOf = (name: string) => /^t_(\d+)_/.exec(name)?.[1];

export async function setup() {
  process.env.SAFEGRID_TEST_RUN = run;
  await dropSchemas((name) => {
    const owner = runOf(name);
    return owner === undefined || (owner !== run && !alive(Number(owner)));
  });
  return () => dropSchemas((name) => runOf(name) === run);
}
