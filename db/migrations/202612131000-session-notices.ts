import { type Kysely, sql } from "kysely";
import { isPostgres } from "./migration-helpers";

/**
 * Issue 10: PostgreSQL tells every server process when a session or a user changes, so that a process may
 * keep signed-in sessions in memory (server/commands/auth/session-cache.ts) and still refuse a revoked one
 * at once. Row triggers on `session` and `app_user` (update, delete; truncate for all) send
 * `pg_notify('sg_session', '<schema> s|u|* <id>')`; PostgreSQL delivers it when the writing transaction
 * commits, whichever process or tool wrote (an operator's psql, the command line), and not at all when it
 * rolls back. SQLite keeps no such cache: nothing to add there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  // The function runs with this schema's search_path whoever's session writes; current_schema() names the
  // schema in the notice (tests and benches share one database, each in its own schema).
  await sql`create function notify_session_change() returns trigger language plpgsql
    set search_path from current as $$
    begin
      if tg_level = 'STATEMENT' then
        perform pg_notify('sg_session', current_schema() || ' * ');
      elsif tg_table_name = 'session' then
        perform pg_notify('sg_session', current_schema() || ' s ' || old.id);
      else
        perform pg_notify('sg_session', current_schema() || ' u ' || old.id);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ["session", "app_user"]) {
    await sql`create trigger ${sql.raw(`${table}_session_notice`)}
      after update or delete on ${sql.table(table)}
      for each row execute function notify_session_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_session_notice_truncate`)}
      after truncate on ${sql.table(table)}
      for each statement execute function notify_session_change()`.execute(db);
  }
}
