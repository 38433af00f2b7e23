import type { Kysely } from "kysely";
import { isPostgres, serialType } from "./migration-helpers";

/**
 * Sign-in hardening (issue 8, 身份鉴别): an atomic per-username failure counter, the security log (kept apart
 * from the hash-chained case trail), two factors (TOTP + recovery codes), forced password change, password
 * history and half-authenticated sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db);
  const serial = (t: string) =>
    db.schema
      .createTable(t)
      .addColumn("id", serialType(db), (c) => (pgsql ? c.primaryKey() : c.primaryKey().autoIncrement()));

  // One row per username (known or not) with recent failures: counted and locked by one conditional upsert.
  await db.schema
    .createTable("login_throttle")
    .addColumn("username", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
  await db.schema.dropTable("login_failure").execute();

  await serial("security_event")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("username", "text")
    .addColumn("user_id", "text")
    .addColumn("ip", "text")
    .addColumn("region_code", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("security_event_at_idx").on("security_event").columns(["at", "id"]).execute();
  await db.schema
    .createIndex("security_event_user_idx")
    .on("security_event")
    .columns(["username", "at"])
    .execute();

  for (const [name, type] of [
    ["password_change_reason", "text"],
    ["password_expires_at", "text"],
    ["totp_secret", "text"],
    ["totp_pending_secret", "text"],
    ["totp_enrolled_at", "text"],
    ["totp_last_step", "integer"],
  ] as const)
    await db.schema.alterTable("app_user").addColumn(name, type).execute();

  await serial("password_history")
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("password_history_user_idx")
    .on("password_history")
    .columns(["user_id", "id"])
    .execute();

  await serial("recovery_code")
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_code_user_idx").on("recovery_code").column("user_id").execute();

  // full | mfa_verify (password ok, second factor pending) | mfa_enrol (must enrol TOTP first)
  await db.schema
    .alterTable("session")
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("full"))
    .execute();
}
