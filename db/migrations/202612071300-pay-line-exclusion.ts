import type { Kysely } from "kysely";

/**
 * Issue 13.5 (R20): a pay-sheet line can be excluded from payment with a reason (a worker without a bank
 * account who left, or is paid elsewhere); the sheet is published only when no line is blocked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("pay_line").addColumn("excluded_reason", "text").execute();
  await db.schema.alterTable("pay_line").addColumn("excluded_by", "text").execute();
}
