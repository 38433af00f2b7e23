import type { Kysely } from "kysely";
import type { findSessionUser } from "../../../db/queries/user-queries";
import type { DB } from "../../../db/schema";
import { listenSessionNotices, type SessionNoticeListener } from "../../../db/session-notices";

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

/** How long a session read is kept at most (a backstop: changes are dropped by notice before that). */
export const sessionCacheTtlMs = 5_000;
const maxEntries = 20_000;

/**
 * Issue 10: a server process's memory of signed-in sessions (a session row with its user, as
 * `findSessionUser` read it), so that a request needs no database read for its session. Only on
 * PostgreSQL, and only while this process listens for the session notices (every update or delete of a
 * session or a user, from any process, announced at its commit: db/session-notices.ts): a notice drops the
 * entries it names; while the LISTEN connection is down nothing is kept or answered. An entry is answered
 * only after a round trip on the LISTEN connection that began after the request (`fresh`), so every notice
 * committed before it has been handled; concurrent requests share one round trip. In this process a
 * command that ends sessions or changes a user also drops them itself after its commit
 * (`sessionsChanged`), so that its own next request cannot beat the notice. Entries live `ttlMs` at most.
 * A read that was under way when anything was dropped is not kept (`generation`), so a read of the row
 * from before a revocation cannot land after its notice. Expiry, idle timeout and the last-seen touch are
 * judged on every request as before (resolveSession); a request that has to write goes to the database.
 */
export class SessionCache {
  private entries = new Map<string, { at: number; found: SessionUser }>();
  private byUser = new Map<string, Set<string>>();
  private gen = 0;
  private live = false;
  /** Resolves true once every notice committed before the call has been handled (the listener's `sync`). */
  sync: () => Promise<boolean> = async () => false;

  constructor(
    readonly ttlMs = sessionCacheTtlMs,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether entries are kept and answered (the notices are being received). */
  get listening() {
    return this.live;
  }

  setListening(live: boolean) {
    this.live = live;
    this.clear();
  }

  get(id: string): SessionUser | undefined {
    if (!this.live) return undefined;
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.dropSession(id);
      return undefined;
    }
    return e.found;
  }

  /**
   * The entry of a session, answered only after the notices of every change committed before this call
   * were handled (a revocation in another process that its own client has seen answered cannot be missed).
   */
  async fresh(id: string): Promise<SessionUser | undefined> {
    if (!this.get(id)) return undefined;
    return (await this.sync()) ? this.get(id) : undefined;
  }

  /** Taken before a database read; `put` keeps the read only when nothing was dropped meanwhile. */
  generation() {
    return this.gen;
  }

  put(id: string, found: SessionUser, generation: number) {
    if (!this.live || generation !== this.gen || !found.user) return;
    if (this.entries.size >= maxEntries) this.clear();
    const userId = found.user.id;
    this.entries.set(id, { at: this.now(), found });
    const ids = this.byUser.get(userId) ?? new Set<string>();
    this.byUser.set(userId, ids);
    ids.add(id);
  }

  dropSession(id: string) {
    this.gen++;
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    const userId = e.found.user?.id;
    const ids = userId ? this.byUser.get(userId) : undefined;
    ids?.delete(id);
    if (userId && ids?.size === 0) this.byUser.delete(userId);
  }

  dropUser(userId: string) {
    this.gen++;
    for (const id of this.byUser.get(userId) ?? []) this.entries.delete(id);
    this.byUser.delete(userId);
  }

  clear() {
    this.gen++;
    this.entries.clear();
    this.byUser.clear();
  }

  get size() {
    return this.entries.size;
  }
}

/** The caches of the apps on one database (by its query adapter, which its transactions share). */
const caches = new WeakMap<object, Set<SessionCache>>();
const keyOf = (db: Kysely<DB>) => db.getExecutor().adapter;

/**
 * A session cache for an app on `db`, fed by the session notices; null on SQLite (one process there, and a
 * session read is an in-process statement). `close` stops listening.
 */
export interface OpenSessionCache {
  cache: SessionCache;
  listener: SessionNoticeListener;
  close(): Promise<void>;
}

export function openSessionCache(
  db: Kysely<DB>,
  opts: { ttlMs?: number; retryMs?: number } = {},
): OpenSessionCache | null {
  const cache = new SessionCache(opts.ttlMs);
  const listener = listenSessionNotices(
    db,
    {
      notice: (n) =>
        n.kind === "session"
          ? cache.dropSession(n.id)
          : n.kind === "user"
            ? cache.dropUser(n.id)
            : cache.clear(),
      up: () => cache.setListening(true),
      down: () => cache.setListening(false),
    },
    opts,
  );
  if (!listener) return null;
  cache.sync = () => listener.sync();
  const key = keyOf(db);
  const set = caches.get(key) ?? new Set<SessionCache>();
  caches.set(key, set);
  set.add(cache);
  return {
    cache,
    listener,
    async close() {
      caches.get(key)?.delete(cache);
      cache.setListening(false);
      await listener.close();
    },
  };
}

/**
 * After the commit of a change to a user or their sessions (sign-out, revocation, password, role, scope,
 * status, second factor): this process's caches forget the user's sessions now; other processes do on the
 * database's notice of the same change.
 */
export function sessionsChanged(db: Kysely<DB>, userId: string) {
  for (const cache of caches.get(keyOf(db)) ?? []) cache.dropUser(userId);
}
