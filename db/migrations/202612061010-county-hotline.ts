import type { Kysely } from "kysely";

/** The county's safety hotline (举报投诉电话), printed on the handbook and the duty cards (issue 14). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("county_setting").addColumn("hotline", "text").execute();
}
