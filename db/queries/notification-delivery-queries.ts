import type { Insertable } from "kysely";
import { insertRows } from "../compiled-queries";
import { dialectOf, type Tx } from "../db";
import type { NotificationDeliveryTable } from "../schema/case-tables";

export type NewDelivery = Insertable<NotificationDeliveryTable>;
export type DeliveryRow = Omit<NotificationDeliveryTable, "id"> & { id: number };

export async function insertDeliveries(db: Tx, rows: NewDelivery[]) {
  for (let i = 0; i < rows.length; i += 200)
    await insertRows(db, "notificationDelivery", rows.slice(i, i + 200));
}

function isPostgres(db: Tx): boolean {
  return dialectOf(db) === "postgres";
}

/**
 * Claims up to `limit` due deliveries for `claimMs` and returns them. On PostgreSQL the candidate rows
 * are locked with SKIP LOCKED, so several processes never claim the same row; an expired claim (a worker
 * that died) is claimable again.
 */
export async function claimDueDeliveries(
  db: Tx,
  now: Date,
  claimMs: number,
  limit: number,
): Promise<DeliveryRow[]> {
  const iso = now.toISOString();
  const until = new Date(now.getTime() + claimMs).toISOString();
  const pg = isPostgres(db);
  const rows = await db
    .updateTable("notificationDelivery")
    .set({ claimedUntil: until })
    .where("id", "in", (eb) => {
      const due = eb
        .selectFrom("notificationDelivery")
        .select("id")
        .where("status", "=", "pending")
        .where("nextAttemptAt", "<=", iso)
        .where((w) => w.or([w("claimedUntil", "is", null), w("claimedUntil", "<", iso)]))
        .orderBy("nextAttemptAt")
        .limit(limit);
      return pg ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export function recordDeliveryAttempt(
  db: Tx,
  id: number,
  patch: Pick<
    NotificationDeliveryTable,
    "status" | "attempts" | "nextAttemptAt" | "lastStatusCode" | "lastError" | "deliveredAt"
  >,
) {
  return db
    .updateTable("notificationDelivery")
    .set({ ...patch, claimedUntil: null })
    .where("id", "=", id)
    .execute();
}

export function caseDeliveries(db: Tx, caseId: string) {
  return db
    .selectFrom("notificationDelivery")
    .leftJoin("appUser", "appUser.id", "notificationDelivery.userId")
    .select([
      "notificationDelivery.id",
      "notificationDelivery.channel",
      "notificationDelivery.kind",
      "notificationDelivery.userId",
      "appUser.displayName as userName",
      "notificationDelivery.target",
      "notificationDelivery.status",
      "notificationDelivery.attempts",
      "notificationDelivery.lastError",
      "notificationDelivery.createdAt",
      "notificationDelivery.deliveredAt",
    ])
    .where("notificationDelivery.caseId", "=", caseId)
    .orderBy("notificationDelivery.id")
    .execute();
}

export async function webhookDeliveries(db: Tx, webhookId: string, page: number, pageSize: number) {
  const items = await db
    .selectFrom("notificationDelivery")
    .selectAll()
    .where("webhookId", "=", webhookId)
    .orderBy("id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await db
    .selectFrom("notificationDelivery")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("webhookId", "=", webhookId)
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function webhookStats(db: Tx, webhookIds: string[]) {
  if (webhookIds.length === 0) return new Map<string, Record<string, number>>();
  const rows = await db
    .selectFrom("notificationDelivery")
    .select(["webhookId", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("webhookId", "in", webhookIds)
    .groupBy(["webhookId", "status"])
    .execute();
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.webhookId!) ?? { pending: 0, delivered: 0, failed: 0 };
    m[r.status] = Number(r.n);
    out.set(r.webhookId!, m);
  }
  return out;
}
