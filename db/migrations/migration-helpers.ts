import { type Kysely, sql } from "kysely";
import { dialectOf } from "../db";

/** True when the migration runs on PostgreSQL (the only place the two dialects differ in DDL). */
export function isPostgres(db: Kysely<unknown>): boolean {
  return dialectOf(db) === "postgres";
}

/** An auto-incrementing integer primary key on both dialects. */
export function serialType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`bigserial` : sql`integer`;
}
