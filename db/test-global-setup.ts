import pg from "pg";

/**
 * Test schemas on PostgreSQL (`t_…`, one per test file) are dropped once, after every file has finished:
 * dropping them while other files run races with Kysely's catalog introspection in those files.
 */
async function dropTestSchemas() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ nspname: string }>(
    "select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{16}$'",
  );
  for (const { nspname } of rows) await c.query(`DROP SCHEMA ${nspname} CASCADE`);
  await c.end();
}

export async function setup() {
  await dropTestSchemas();
  return dropTestSchemas;
}
