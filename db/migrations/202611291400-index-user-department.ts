import type { Kysely } from "kysely";

/**
 * A department's users are looked up for every notification to the department (a case reported,
 * dispatched, overdue …); with tens of thousands of grid workers that must not scan the user table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("app_user_department_idx")
    .on("app_user")
    .columns(["department_id", "status"])
    .execute();
}
