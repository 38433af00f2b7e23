import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../domain/auth/actor";
import { canonicalJson, canonicalText } from "../../domain/trail/canonical-json";
import { chainOf, genesisHash } from "../../domain/trail/trail-root";
import { firstCompiled, insertRows } from "../compiled-queries";
import { dialectOf, type Tx } from "../db";
import type { EventTable } from "../schema/core-tables";
import { type DeferredWrites, deferRows, deferred, defersRows } from "../tx-deferred";

export { genesisHash };

export interface NewEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  data: Record<string, unknown>;
}

type HashedFields = Omit<EventTable, "id" | "hash" | "chain" | "seq">;

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

/** Per transaction: the chains it has locked and the head it has appended to each (see `lockChains`). */
interface TxTrail {
  locked: Set<string>;
  heads: Map<string, { seq: number; hash: string }>;
}
const trails = new WeakMap<Tx, TxTrail>();

function trailOf(tx: Tx): TxTrail {
  let t = trails.get(tx);
  if (!t) {
    t = { locked: new Set(), heads: new Map() };
    if (tx.isTransaction) trails.set(tx, t);
  }
  return t;
}

/**
 * Takes the append locks of these chains for the rest of the transaction, in sorted order (so two
 * writers that need the same chains never wait on each other in a cycle). On PostgreSQL each chain has a
 * transaction-scoped advisory lock keyed by (727001, hashtext(chain)): appends to one chain are
 * serialised and can never fork it, appends to different counties run in parallel. SQLite has a single
 * writer already. Writers that lock rows take their chains' locks first, before any row lock.
 */
export async function lockChains(tx: Tx, chains: Iterable<string>): Promise<void> {
  const t = trailOf(tx);
  const wanted = [...new Set(chains)].filter((c) => !t.locked.has(c)).sort();
  // One statement for all of them (a round trip each added up in a batch of many counties): unnest
  // yields the sorted array's elements in order, and the locks are taken row by row in that order.
  if (wanted.length && dialectOf(tx) === "postgres")
    await sql`select count(pg_advisory_xact_lock(727001, hashtext(c))) from unnest(${wanted}::text[]) as c`.execute(
      tx,
    );
  for (const chain of wanted) t.locked.add(chain);
}

/** The chains this transaction has locked so far (a group commit locks its batch's chains first). */
export function lockedChains(tx: Tx): readonly string[] {
  return [...(trails.get(tx)?.locked ?? [])];
}

/**
 * Reads the heads of chains this transaction has locked, in one statement (a group commit's chains, right
 * after their locks), so that their first appends do not read them one by one. What `chainHead` would
 * read under the same locks; a chain without events yet is left to it (it registers the chain).
 */
export async function loadChainHeads(tx: Tx, chains: Iterable<string>): Promise<void> {
  if (dialectOf(tx) !== "postgres") return;
  const t = trailOf(tx);
  const wanted = [...new Set(chains)].filter((c) => t.locked.has(c) && !t.heads.has(c));
  if (wanted.length === 0) return;
  const { rows } = await sql<{ chain: string; seq: number | string; hash: string }>`
    select c.chain, e.seq, e.hash from unnest(${wanted}::text[]) as c(chain)
    join lateral (select seq, hash from event where event.chain = c.chain order by seq desc limit 1) e on true`.execute(
    tx,
  );
  for (const r of rows) t.heads.set(r.chain, { seq: Number(r.seq), hash: r.hash });
}

/**
 * After rolling back to a savepoint (which may have removed appended events, and on PostgreSQL releases
 * the advisory locks taken after it), read the heads again and take the locks again: re-taking a lock the
 * transaction still holds is harmless (they are re-entrant).
 */
export function forgetTrailHead(tx: Tx): void {
  const t = trails.get(tx);
  t?.heads.clear();
  t?.locked.clear();
}

/** The hash the first row of a new chain links to: the migration root (the first trail root). */
async function newChainGenesis(tx: Tx): Promise<string> {
  const first = await tx.selectFrom("trailRoot").select("root").orderBy("id").limit(1).executeTakeFirst();
  return first?.root ?? genesisHash;
}

/**
 * The head of a chain, read once per transaction under the chain's lock (it holds the lock from its first
 * append to its commit, so no one else can append meanwhile and its next event links to the last one
 * without reading it back). A chain seen for the first time is registered with its genesis.
 */
async function chainHead(tx: Tx, chain: string, at: string): Promise<{ seq: number; hash: string }> {
  const t = trailOf(tx);
  const known = t.heads.get(chain);
  if (known) return known;
  await lockChains(tx, [chain]);
  const last = await firstCompiled(tx, "event.chainHead", [chain, 1], () =>
    tx.selectFrom("event").select(["seq", "hash"]).where("chain", "=", chain).orderBy("seq", "desc").limit(1),
  );
  if (last) return { seq: Number(last.seq), hash: last.hash };
  const registered = await tx
    .selectFrom("trailChain")
    .select("genesis")
    .where("chain", "=", chain)
    .executeTakeFirst();
  if (registered) return { seq: 0, hash: registered.genesis };
  const genesis = await newChainGenesis(tx);
  await tx.insertInto("trailChain").values({ chain, genesis, createdAt: at }).execute();
  return { seq: 0, hash: genesis };
}

/**
 * The one trail writer: appends events, in order, to their chains (`chainOf` their region) inside the
 * caller's transaction, and returns each one's id and hash. Rows of one call go in multi-row inserts
 * (`batch` rows a statement): an import registers thousands of sites.
 */
export async function appendEvents(
  tx: Tx,
  actor: Pick<Actor, "id" | "role"> | null,
  events: readonly NewEvent[],
  at: Date,
  batch = 200,
): Promise<{ id: number; hash: string }[]> {
  if (events.length === 0) return [];
  const iso = at.toISOString();
  const chains = events.map((e) => chainOf(e.regionCode));
  await lockChains(tx, chains);
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const chain of new Set(chains)) heads.set(chain, await chainHead(tx, chain, iso));
  const rows: Omit<EventTable, "id">[] = events.map((e, i) => {
    const head = heads.get(chains[i])!;
    const row = trailRow(actor, e, at, head.hash);
    const next = { seq: head.seq + 1, hash: eventHash(row) };
    heads.set(chains[i], next);
    return { ...row, hash: next.hash, chain: chains[i], seq: next.seq };
  });
  const out: { id: number; hash: string }[] = [];
  if (defersRows(tx)) {
    // A PostgreSQL group commit: ids drawn from the sequence ahead, the rows written in one statement
    // before the commit (the chain heads above are already this transaction's, in memory).
    const withIds = [];
    for (const row of rows) {
      const id = await eventIds(tx).next(tx);
      withIds.push({ id, ...row });
      out.push({ id, hash: row.hash });
    }
    deferRows(tx, "event", withIds, (t, part) => insertRows(t, "event", part));
  } else
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      const inserted = await insertRows(tx, "event", part, ["id"]);
      // Ids are assigned in row order; RETURNING's own order is not promised, so pair them sorted.
      const ids = inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      for (const [j, id] of ids.entries()) out.push({ id, hash: part[j].hash });
    }
  const t = trailOf(tx);
  for (const [chain, head] of heads) t.heads.set(chain, head);
  return out;
}

/** Appends one event to its chain inside the caller's transaction (see `appendEvents`). */
export async function insertEvent(
  tx: Tx,
  actor: Pick<Actor, "id" | "role"> | null,
  event: NewEvent,
  at: Date,
): Promise<{ id: number; hash: string }> {
  return (await appendEvents(tx, actor, [event], at))[0];
}

export { type TrailCheck, verifyTrail } from "./trail-verify-queries";

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

/**
 * Event ids taken from the table's sequence `block` at a time (one round trip), for trail rows written at
 * the end of a group commit. Ids a batch leaves unused are gaps, as a rolled-back insert leaves; the
 * trail's order is each chain's `seq`, not the id.
 */
class EventIds implements DeferredWrites {
  private ids: number[] = [];
  async next(tx: Tx): Promise<number> {
    if (this.ids.length === 0) {
      const { rows } = await sql<{
        id: string | number;
      }>`select nextval(pg_get_serial_sequence('event', 'id')) as id from generate_series(1, ${idBlock})`.execute(
        tx,
      );
      this.ids = rows.map((r) => Number(r.id)).sort((a, b) => b - a);
    }
    return this.ids.pop()!;
  }
  async flush() {}
}
const idBlock = 32;
const eventIds = (tx: Tx) => deferred(tx, "event_ids", () => new EventIds()) as EventIds;
