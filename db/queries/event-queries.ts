import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../domain/auth/actor";
import { canonicalJson, canonicalText } from "../../domain/trail/canonical-json";
import { firstCompiled, insertRows } from "../compiled-queries";
import type { Tx } from "../db";
import type { EventTable } from "../schema/core-tables";

export const genesisHash = "0".repeat(64);

export interface NewEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  data: Record<string, unknown>;
}

type HashedFields = Omit<EventTable, "id" | "hash">;

/**
 * The hash of one trail row: sha256 over the previous hash and the UTF-8 bytes of the row's canonical
 * content (`canonicalJson`: sorted keys, well-formed strings). The canonical form of a stored row is the
 * row itself (see `trailRow`), so what is hashed is what is stored and read back on either database.
 */
export function eventHash(row: HashedFields): string {
  const content = canonicalJson({
    at: row.at,
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    regionCode: row.regionCode,
    data: row.data,
  });
  return createHash("sha256").update(row.prevHash).update("\n").update(content).digest("hex");
}

const nullableText = (s: string | null) => (s === null ? null : canonicalText(s));

/** The row to store for one event: every text column in canonical form, `data` as canonical JSON. */
export function trailRow(
  actor: Pick<Actor, "id" | "role"> | null,
  event: NewEvent,
  at: Date,
  prevHash: string,
): HashedFields {
  return {
    at: at.toISOString(),
    actorId: nullableText(actor?.id ?? null),
    actorRole: nullableText(actor?.role ?? null),
    action: canonicalText(event.action),
    subjectType: canonicalText(event.subjectType),
    subjectId: canonicalText(event.subjectId),
    regionCode: nullableText(event.regionCode),
    data: canonicalJson(event.data),
    prevHash,
  };
}

function isPostgres(tx: Tx): boolean {
  return tx.getExecutor().adapter.constructor.name === "PostgresAdapter";
}

/**
 * Takes the trail's append lock for the rest of the transaction. The chain is global: on PostgreSQL a
 * transaction-scoped advisory lock (re-entrant) serialises appends, so two processes can never fork the
 * chain; SQLite has a single writer already. Writers that lock several rows take it first, before any
 * row lock, so that they and the group-committed case commands lock in one order.
 */
export async function lockTrail(tx: Tx): Promise<void> {
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(727001)`.execute(tx);
}

/**
 * The head each transaction has appended: it holds the trail lock from its first append to its commit,
 * so no one else can append meanwhile and its next event links to this one without reading it back.
 */
const heads = new WeakMap<Tx, string>();

/** After rolling back to a savepoint (which may have removed appended events), read the head again. */
export function forgetTrailHead(tx: Tx): void {
  heads.delete(tx);
}

/**
 * Appends one event to the trail inside the caller's transaction and returns its id (see `lockTrail`).
 */
export async function insertEvent(
  tx: Tx,
  actor: Pick<Actor, "id" | "role"> | null,
  event: NewEvent,
  at: Date,
): Promise<{ id: number; hash: string }> {
  let prevHash = tx.isTransaction ? heads.get(tx) : undefined;
  if (prevHash === undefined) {
    await lockTrail(tx);
    const last = await firstCompiled(tx, "event.head", [1], () =>
      tx.selectFrom("event").select("hash").orderBy("id", "desc").limit(1),
    );
    prevHash = last?.hash ?? genesisHash;
  }
  const row = trailRow(actor, event, at, prevHash);
  const hash = eventHash(row);
  const inserted = await insertRows(tx, "event", [{ ...row, hash }], ["id"]);
  if (tx.isTransaction) heads.set(tx, hash);
  return { id: Number(inserted.rows[0].id), hash };
}

export interface TrailCheck {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: "hash_mismatch" | "chain_broken" | "anchor_mismatch" } | null;
}

/** Walks the whole trail in id order and names the first row whose hash or link does not verify. */
export async function verifyTrail(db: Tx, batch = 5000): Promise<TrailCheck> {
  let prev = genesisHash;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("event")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (rows.length === 0) return checkAnchors(db, checked);
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prevHash !== prev) return { ok: false, checked, firstBroken: { id, reason: "chain_broken" } };
      if (eventHash(row) !== row.hash)
        return { ok: false, checked, firstBroken: { id, reason: "hash_mismatch" } };
      prev = row.hash;
      checked++;
      after = id;
    }
  }
}

/** Every anchor must still match its event: a trail cut off after an anchor fails here. */
async function checkAnchors(db: Tx, checked: number): Promise<TrailCheck> {
  const anchors = await db.selectFrom("trailAnchor").selectAll().orderBy("eventId").execute();
  for (const anchor of anchors) {
    const row = await db
      .selectFrom("event")
      .select("hash")
      .where("id", "=", anchor.eventId)
      .executeTakeFirst();
    if (row?.hash !== anchor.hash)
      return { ok: false, checked, firstBroken: { id: Number(anchor.eventId), reason: "anchor_mismatch" } };
  }
  return { ok: true, checked, firstBroken: null };
}

/** Events about one subject, oldest first (a case's timeline, a site's file). */
export function listSubjectEvents(db: Tx, subjectType: string, subjectId: string) {
  return db
    .selectFrom("event")
    .selectAll()
    .where("subjectType", "=", subjectType)
    .where("subjectId", "=", subjectId)
    .orderBy("id")
    .execute();
}
