import { Migrator, sql } from "kysely";
import type { Database } from "./db";
import { migrations } from "./migrations";

export interface MigrationState {
  applied: string[];
  pending: string[];
}

/**
 * The schema that holds the migration tables. Kysely otherwise looks for its tables in every schema of
 * the database: a server whose search_path comes from its URL (`options=-c search_path=…`) found another
 * schema's lock table, skipped creating its own, and failed with "relation schema_migration_lock does
 * not exist" when several servers started at once in one database.
 */
async function migrationSchema(database: Database): Promise<string | undefined> {
  if (database.schema || database.dialect !== "postgres") return database.schema;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return rows[0]?.schema ?? undefined;
}

async function migrator(database: Database) {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migration",
    migrationLockTableName: "schema_migration_lock",
    // Kysely looks for its tables in every schema unless told which: parallel test schemas would collide.
    migrationTableSchema: await migrationSchema(database),
  });
}

/** Applies all pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await (await migrator(database)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`migration ${failed ?? "?"} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Which of this build's migrations the database has applied, read from the migration table itself. Kysely's
 * own `getMigrations()` introspects every table of every schema first, which on a database with many
 * schemas (or under load) took longer than a readiness probe's deadline.
 */
export async function migrationState(database: Database): Promise<MigrationState> {
  const schema = await migrationSchema(database);
  const done = new Set(await appliedNames(database, schema));
  const names = Object.keys(migrations).sort();
  return { applied: names.filter((n) => done.has(n)), pending: names.filter((n) => !done.has(n)) };
}

/** The names in the migration table, or none when the table is not there yet. */
async function appliedNames(database: Database, schema: string | undefined): Promise<string[]> {
  const present =
    database.dialect === "postgres"
      ? sql<{
          present: boolean;
        }>`select to_regclass(quote_ident(${schema ?? "public"}) || '.schema_migration') is not null as present`
      : sql<{
          present: boolean;
        }>`select count(*) > 0 as present from sqlite_master where type = 'table' and name = 'schema_migration'`;
  const { rows } = await present.execute(database.db);
  if (!rows[0]?.present) return [];
  const table = sql.table(schema ? `${schema}.schema_migration` : "schema_migration");
  return (await sql<{ name: string }>`select name from ${table}`.execute(database.db)).rows.map(
    (r) => r.name,
  );
}

/** Applies the migrations up to and including `name` (tests of a migration start from the one before). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const { error } = await (await migrator(database)).migrateTo(name);
  if (error) throw error;
}
