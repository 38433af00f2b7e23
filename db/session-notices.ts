import type { Kysely } from "kysely";
import pg from "pg";
import { poolOf } from "./db";
import type { DB } from "./schema";

/** A session or a user changed (updated or deleted) in this schema, or every one (a truncate). */
export type SessionNotice = { kind: "session" | "user"; id: string } | { kind: "all" };

export interface SessionNoticeHandlers {
  notice(n: SessionNotice): void;
  /** LISTEN is in place: notices from now on arrive. */
  up(): void;
  /** The connection is lost (notices may be missed until `up` again). */
  down(): void;
}

export interface SessionNoticeListener {
  /**
   * Resolves true once every notice committed before the call has been handled (`notice` called): a round
   * trip on the LISTEN connection, which PostgreSQL answers only after sending the notices it had pending
   * (postgres.c processes them before ReadyForQuery; a committing backend signals listeners before its own
   * client sees the commit). Calls made while one is under way share the next round trip. False when the
   * connection is down or lost meanwhile.
   */
  sync(): Promise<boolean>;
  /** The PostgreSQL backend of the LISTEN connection while it is up (tests terminate it). */
  backendPid(): number | null;
  close(): Promise<void>;
}

const channel = "sg_session";

/**
 * Listens on PostgreSQL for the notices of db/migrations/202612131000-session-notices.ts on a connection of
 * its own (outside the pool, same settings), and opens it again `retryMs` after it is lost. Null on SQLite.
 */
export function listenSessionNotices(
  db: Kysely<DB>,
  on: SessionNoticeHandlers,
  opts: { retryMs?: number } = {},
): SessionNoticeListener | null {
  const pool = poolOf(db);
  if (!pool) return null;
  const settings = pool.options as pg.PoolConfig;
  let closed = false;
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({
      connectionString: settings.connectionString,
      options: settings.options,
      application_name: settings.application_name,
      connectionTimeoutMillis: settings.connectionTimeoutMillis,
    });
    client = c;
    let schema: string | null = null;
    const lost = () => {
      if (client !== c) return;
      client = null;
      pid = null;
      on.down();
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(connect, opts.retryMs ?? 1000);
    };
    c.on("error", lost);
    c.on("end", lost);
    c.on("notification", (m) => {
      if (m.channel !== channel || !m.payload) return;
      const [from, kind, id] = m.payload.split(" ");
      if (from !== schema) return;
      if (kind === "s") on.notice({ kind: "session", id });
      else if (kind === "u") on.notice({ kind: "user", id });
      else on.notice({ kind: "all" });
    });
    try {
      await c.connect();
      const { rows } = await c.query("select current_schema() as schema, pg_backend_pid() as pid");
      schema = rows[0].schema;
      await c.query(`listen ${channel}`);
      if (client !== c || closed) return;
      pid = Number(rows[0].pid);
      on.up();
    } catch {
      lost();
    }
  };
  void connect();
  let waiting: ((ok: boolean) => void)[] = [];
  let running = false;
  const flush = async () => {
    running = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      const c = client;
      let ok = false;
      if (c && pid !== null)
        ok = await c.query("").then(
          () => client === c,
          () => false,
        );
      for (const resolve of batch) resolve(ok);
    }
    running = false;
  };
  return {
    sync() {
      if (closed || pid === null) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        waiting.push(resolve);
        if (!running) void flush();
      });
    },
    backendPid: () => pid,
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      pid = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
