import type { Kysely } from "kysely";

/**
 * Public tips, second part (issue 12): API clients (Open311 clients and 12345/other forwarding platforms, one
 * hashed key each, revocable), the county's mapping of a platform's category text to a tip kind, the channel
 * a tip came by (with the platform's own work-order number: a re-sent order is the same tip), and rewards
 * (R20: proposed by a tip officer, approved by a second person, payout recorded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tip_api_client")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_hint", "text", (c) => c.notNull())
    .addColumn("webhook_id", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("tip_api_client_county")
    .on("tip_api_client")
    .columns(["county_code", "kind"])
    .execute();
  await db.schema
    .createTable("tip_category_map")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("category_text", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tip_category_map_pk", ["county_code", "category_text"])
    .execute();
  await db.schema
    .alterTable("tip")
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("web"))
    .execute();
  await db.schema.alterTable("tip").addColumn("client_id", "text").execute();
  await db.schema.alterTable("tip").addColumn("external_number", "text").execute();
  await db.schema
    .createIndex("tip_client_external")
    .on("tip")
    .columns(["client_id", "external_number"])
    .unique()
    .execute();
  await db.schema
    .createTable("tip_reward")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tip_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull().unique())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("fine_yuan", "integer")
    .addColumn("concealed_deaths", "integer")
    .addColumn("amount_yuan", "integer", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposed_by", "text", (c) => c.notNull())
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addColumn("paid_by", "text")
    .addColumn("paid_at", "text")
    .addColumn("payout_ref", "text")
    .execute();
  await db.schema
    .createTable("tip_reward_rules")
    .addColumn("county_code", "text", (c) => c.primaryKey())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tip_reward_county").on("tip_reward").columns(["county_code"]).execute();
}
