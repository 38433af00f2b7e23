import type { Tx } from "../db";
import type { WebhookTable } from "../schema/case-tables";
import { inScope } from "../scope";
import { regionHeads } from "./notification-queries";

export type WebhookRow = WebhookTable;

export function insertWebhook(db: Tx, row: WebhookRow) {
  return db.insertInto("webhook").values(row).execute();
}

export function findWebhook(db: Tx, id: string) {
  return db.selectFrom("webhook").selectAll().where("id", "=", id).executeTakeFirst();
}

export function updateWebhookRow(db: Tx, id: string, patch: Partial<WebhookRow>) {
  return db.updateTable("webhook").set(patch).where("id", "=", id).execute();
}

export function deleteWebhookRow(db: Tx, id: string) {
  return db.deleteFrom("webhook").where("id", "=", id).execute();
}

export function listWebhooks(db: Tx, scope: string[]) {
  return db
    .selectFrom("webhook")
    .selectAll()
    .where((eb) => inScope(eb, "regionCode", scope))
    .orderBy("regionCode")
    .orderBy("createdAt")
    .execute();
}

/** Active webhooks of a region and the levels above it (a case's county or above). */
export function activeWebhooks(db: Tx, regionCode: string) {
  return db
    .selectFrom("webhook")
    .selectAll()
    .where("active", "=", 1)
    .where("regionCode", "in", regionHeads(regionCode))
    .execute();
}

/** Of `rows`, those for one of the departments (or for all) that take `event` (or every event). */
export function webhooksMatching<W extends { departmentId: string | null; events: string }>(
  rows: W[],
  departmentIds: string[],
  event: string,
) {
  return rows.filter((w) => {
    if (w.departmentId && !departmentIds.includes(w.departmentId)) return false;
    const events = JSON.parse(w.events) as string[];
    return events.length === 0 || events.includes(event);
  });
}
