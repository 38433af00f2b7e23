import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 10: one counter that every write to the reference data case commands read (regions and their
 * boundaries — a tip's place check reads the boundary's stamp —, categories,
 * departments, deadline rules, users' recipient columns, webhooks) moves, by statement-level triggers on
 * PostgreSQL, whichever process writes. A group commit reads it first and keeps those reads from earlier
 * transactions while it is unchanged (db/tx-memo.ts), instead of reading them again in every batch.
 * SQLite has the table but no triggers: it reads in process, once per transaction as before.
 */
const tables = ["region", "region_boundary", "case_category", "department", "case_deadline_rule", "webhook"];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reference_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull())
    .execute();
  await sql`insert into reference_version (id, version) values (1, 0)`.execute(db);
  if (!isPostgres(db)) return;
  // The function runs with this schema's search_path whoever's session writes (an operator's psql too).
  await sql`create function bump_reference_version() returns trigger language plpgsql
    set search_path from current as $$
    begin
      update reference_version set version = version + 1 where id = 1;
      return null;
    end $$`.execute(db);
  for (const table of tables)
    await sql`create trigger ${sql.raw(`${table}_reference_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_reference_version()`.execute(db);
  // Users: only the columns a recipient list reads (sign-in's own updates do not move it).
  await sql`create trigger app_user_reference_version
    after insert or delete or truncate or update of status, department_id, role, region_code, phone
    on app_user for each statement execute function bump_reference_version()`.execute(db);
}
