import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { migrateToLatest } from "./migrate";
import { createTestDatabase } from "./test-db";

const url = process.env.TEST_DATABASE_URL;

async function admin<T>(statement: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows as T[];
  } finally {
    await client.end();
  }
}

// The way `safegrid serve` is pointed at a schema by its URL alone (the browser tests on PostgreSQL do this).
describe.runIf(url)("migrations in a schema chosen by the URL's search_path [postgres]", () => {
  const schema = `t_${process.env.SAFEGRID_TEST_RUN ?? "0"}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  afterAll(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  it("creates its own migration tables although another schema of the database already has them", async () => {
    const other = await createTestDatabase("postgres"); // a migrated schema beside ours, lock table included
    await other.close();
    await admin(
      `BEGIN; CREATE SCHEMA ${schema}; COMMENT ON SCHEMA ${schema} IS '${new Date().toISOString()}'; COMMIT`,
    );
    const withSchema = new URL(url!);
    withSchema.searchParams.set("options", `-c search_path=${schema}`);
    const database = openDatabase({ url: withSchema.toString(), poolSize: 2 });
    try {
      const applied = await migrateToLatest(database);
      expect(applied.length).toBeGreaterThan(10);
      const tables = await admin<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = $1",
        [schema],
      );
      const names = tables.map((t) => t.name);
      expect(names).toContain("schema_migration_lock");
      expect(names).toContain("schema_migration");
      expect(names).toContain("case_record");
    } finally {
      await database.close();
    }
  });
});
