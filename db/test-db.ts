import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, type Dialect, openDatabase } from "./db";
import { migrateToLatest } from "./migrate";

/** Dialects the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

/**
 * Opens a fresh, migrated database: in-memory SQLite, or a private schema on the test PostgreSQL server.
 * `{ blank: true }` leaves it without migrations (tests of a migration, or of the migration state).
 */
export async function createTestDatabase(
  dialect: Dialect,
  opts: { blank?: boolean } = {},
): Promise<Database> {
  if (dialect === "sqlite") {
    const database = openDatabase({ file: ":memory:" });
    if (!opts.blank) await migrateToLatest(database);
    return database;
  }
  const url = process.env.TEST_DATABASE_URL!;
  // `t_<run>_…`: the run's global setup (db/test-global-setup.ts) drops its own schemas at the end.
  const run = process.env.SAFEGRID_TEST_RUN ?? "0";
  const schema = `t_${run}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // When it was made, in the same transaction: another run's start drops a schema of a run it cannot see
  // whose comment is missing or hours old (test-global-setup.ts); made in two steps, a run starting between
  // them dropped this schema under our migration ("schema t_… does not exist").
  await admin.query(
    `BEGIN; CREATE SCHEMA ${schema}; COMMENT ON SCHEMA ${schema} IS '${new Date().toISOString()}'; COMMIT`,
  );
  await admin.end();
  const database = openDatabase({ url, schema, poolSize: 5 });
  if (!opts.blank) await migrateToLatest(database);
  // The schema itself is dropped after the whole run (db/test-global-setup.ts), not here.
  return database;
}

/**
 * Runs a describe block once per dialect with a fresh migrated database:
 * `eachDialect("dispatchCase", (ctx) => { it("...", async () => { ctx.database.db ... }) })`.
 */
export function eachDialect(
  name: string,
  body: (ctx: { database: Database; dialect: Dialect }) => void,
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      const ctx = { dialect } as { database: Database; dialect: Dialect };
      beforeAll(async () => {
        ctx.database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await ctx.database?.close();
      });
      body(ctx);
    });
  }
}
