import { type Insertable, type Kysely, sql } from "kysely";
import { insertRows } from "../compiled-queries";
import { dialectOf, type Tx } from "../db";
import type { DB } from "../schema";
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

/** Endpoints a claim leaves alone: their queue in this process is full, or they are backing off. */
export interface ClaimExclusions {
  webhookIds: string[];
  sms: boolean;
}

/**
 * Claims up to `limit` due deliveries for `claimMs` and returns them. On PostgreSQL the candidate rows
 * are locked with SKIP LOCKED, so several processes (and several claims of one process) never claim the
 * same row; an expired claim (a worker that died) is claimable again. Rows of excluded endpoints are
 * left for later, so one slow or failing endpoint cannot fill every claim.
 */
export async function claimDueDeliveries(
  db: Tx,
  now: Date,
  claimMs: number,
  limit: number,
  exclude: ClaimExclusions = { webhookIds: [], sms: false },
): Promise<DeliveryRow[]> {
  const iso = now.toISOString();
  const until = new Date(now.getTime() + claimMs).toISOString();
  const pg = isPostgres(db);
  const rows = await db
    .updateTable("notificationDelivery")
    .set({ claimedUntil: until })
    .where("id", "in", (eb) => {
      let due = eb
        .selectFrom("notificationDelivery")
        .select("id")
        .where("status", "=", "pending")
        .where("nextAttemptAt", "<=", iso)
        .where((w) => w.or([w("claimedUntil", "is", null), w("claimedUntil", "<", iso)]));
      if (exclude.sms) due = due.where("channel", "<>", "sms");
      if (exclude.webhookIds.length)
        due = due.where((w) =>
          w.or([w("webhookId", "is", null), w("webhookId", "not in", exclude.webhookIds)]),
        );
      const ordered = due.orderBy("nextAttemptAt").limit(limit);
      return pg ? ordered.forUpdate().skipLocked() : ordered;
    })
    .returningAll()
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Gives claimed rows back untouched (their endpoint is busy or backing off): claimable again at once. */
export async function releaseDeliveries(db: Tx, ids: number[]) {
  if (ids.length === 0) return;
  await db.updateTable("notificationDelivery").set({ claimedUntil: null }).where("id", "in", ids).execute();
}

export type DeliveryAttempt = Pick<
  NotificationDeliveryTable,
  "status" | "attempts" | "nextAttemptAt" | "lastStatusCode" | "lastError" | "deliveredAt"
>;

export function recordDeliveryAttempt(db: Tx, id: number, patch: DeliveryAttempt) {
  return db
    .updateTable("notificationDelivery")
    .set({ ...patch, claimedUntil: null })
    .where("id", "=", id)
    .execute();
}

/**
 * Records many attempts at once: on PostgreSQL one UPDATE … FROM (VALUES …) (one round trip for the
 * batch), on SQLite one transaction (one commit).
 */
export async function recordDeliveryAttempts(
  db: Kysely<DB>,
  attempts: { id: number; patch: DeliveryAttempt }[],
) {
  if (attempts.length === 0) return;
  if (!isPostgres(db)) {
    await db.transaction().execute(async (tx) => {
      for (const a of attempts) await recordDeliveryAttempt(tx, a.id, a.patch);
    });
    return;
  }
  const rows = sql.join(
    attempts.map(
      ({ id, patch: p }) =>
        sql`(${id}::int, ${p.status}::text, ${p.attempts}::int, ${p.nextAttemptAt}::text, ${p.lastStatusCode}::int, ${p.lastError}::text, ${p.deliveredAt}::text)`,
    ),
  );
  await sql`update notification_delivery as d
    set status = v.status, attempts = v.attempts, next_attempt_at = v.next_attempt_at,
        last_status_code = v.last_status_code, last_error = v.last_error, delivered_at = v.delivered_at,
        claimed_until = null
    from (values ${rows}) as v(id, status, attempts, next_attempt_at, last_status_code, last_error, delivered_at)
    where d.id = v.id`.execute(db);
}

/** The delivery backlog: due rows not yet delivered, and the oldest one's due time (metrics). */
export async function deliveryBacklog(db: Tx, now: Date) {
  const row = await db
    .selectFrom("notificationDelivery")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("nextAttemptAt").as("oldest")])
    .where("status", "=", "pending")
    .where("nextAttemptAt", "<=", now.toISOString())
    .executeTakeFirstOrThrow();
  const failed = await db
    .selectFrom("notificationDelivery")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "failed")
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.n),
    oldestDueAt: (row.oldest as string | null) ?? null,
    failed: Number(failed.n),
  };
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
