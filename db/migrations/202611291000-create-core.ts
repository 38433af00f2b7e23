import type { Kysely } from "kysely";
import { isPostgres, serialType } from "./migration-helpers";

/** Core tables: regions, departments, routing, users, sessions, and the event trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db);
  await db.schema
    .createTable("region")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .execute();
  await db.schema.createIndex("region_parent_idx").on("region").column("parent_code").execute();
  await db.schema.createIndex("region_name_idx").on("region").column("name").execute();

  await db.schema
    .createTable("region_boundary")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("geojson", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("department")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("grid_role", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("department_region_name_uq", ["region_code", "name"])
    .execute();
  await db.schema.createIndex("department_region_idx").on("department").column("region_code").execute();

  await db.schema
    .createTable("routing_rule")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_prefix", "text", (c) => c.notNull())
    .addColumn("industry_prefix", "text")
    .addColumn("site_kind", "text")
    .addColumn("department_kind", "text", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.references("department.id"))
    .addColumn("phone", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("locked_until", "text")
    .addColumn("last_login_at", "text")
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("app_user_region_idx").on("app_user").column("region_code").execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("login_failure")
    .addColumn("id", serialType(db), (c) => (pgsql ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .execute();
  await db.schema
    .createIndex("login_failure_user_idx")
    .on("login_failure")
    .columns(["username", "at"])
    .execute();

  await db.schema
    .createTable("event")
    .addColumn("id", serialType(db), (c) => (pgsql ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("region_code", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("event_subject_idx")
    .on("event")
    .columns(["subject_type", "subject_id", "id"])
    .execute();
  await db.schema.createIndex("event_region_idx").on("event").columns(["region_code", "id"]).execute();

  await db.schema
    .createTable("job_cursor")
    .addColumn("consumer", "text", (c) => c.primaryKey())
    .addColumn("last_event_id", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
