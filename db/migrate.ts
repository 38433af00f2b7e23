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

export async function migrationState(database: Database): Promise<MigrationState> {
  const all = await (await migrator(database)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}

/** Applies the migrations up to and including `name` (tests of a migration start from the one before). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const { error } = await (await migrator(database)).migrateTo(name);
  if (error) throw error;
}
