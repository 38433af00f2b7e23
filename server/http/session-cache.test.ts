import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { buildApp } from "../app";
import { sessionId } from "../commands/auth/sign-in";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { signInForTest } from "../test/sign-in";

/**
 * Issue 10: on PostgreSQL an app answers a session it read a moment ago from memory, and a revocation in
 * another process (here a second app with its own pool on the same schema, "B") takes effect there at
 * once: the next request in B after the revoking request was answered is a 401. On SQLite there is no
 * such memory (one process; every request reads its session).
 */
eachApi("session cache across processes", (ctx) => {
  let dbB: Database | null = null;
  let appB: FastifyInstance;
  const pgOnly = () => ctx.dialect === "postgres";

  beforeAll(async () => {
    if (!pgOnly()) return;
    dbB = openDatabase({ url: process.env.TEST_DATABASE_URL, schema: ctx.database.schema, poolSize: 3 });
    appB = await buildApp({ ...ctx.deps, db: dbB.db });
    await until(() => appB.sessionCache?.cache.listening === true);
  });
  afterAll(async () => {
    await appB?.close();
    await dbB?.close();
  });

  const until = async (ok: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const call = (app: FastifyInstance, token: string, method: string, url: string, payload?: object) =>
    app.inject({
      method: method as "GET",
      url,
      ...(payload ? { payload } : {}),
      headers: { authorization: `Bearer ${token}` },
    });
  const me = (app: FastifyInstance, token: string) => call(app, token, "GET", "/api/v1/auth/me");
  const signIn = (username: string, password = testPassword) =>
    signInForTest(ctx.app, ctx.deps.clock, username, password);
  /**
   * Signed in through A, read in B until B keeps the session in memory (a read under way when any notice
   * arrives is not kept: the sign-in's own update of the user announces itself too).
   */
  const cachedInB = async (username: string) => {
    const token = await signIn(username);
    for (let i = 0; i < 20 && !appB.sessionCache!.cache.get(sessionId(token)); i++) {
      expect((await me(appB, token)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(appB.sessionCache!.cache.get(sessionId(token))).toBeDefined();
    expect((await me(appB, token)).statusCode).toBe(200);
    return token;
  };

  it("SQLite keeps no sessions in memory", () => {
    if (pgOnly()) return;
    expect(ctx.app.sessionCache).toBeNull();
  });

  it("signing out in A is a 401 in B at once", async () => {
    if (!pgOnly()) return;
    const token = await cachedInB("worker");
    expect((await call(ctx.app, token, "POST", "/api/v1/auth/logout")).statusCode).toBe(204);
    expect((await me(appB, token)).statusCode).toBe(401);
    expect((await me(ctx.app, token)).statusCode).toBe(401);
  });

  it("a new role given in A ends the sessions in B at once, and A's own memory too", async () => {
    if (!pgOnly()) return;
    const token = await cachedInB("committee");
    expect((await me(ctx.app, token)).statusCode).toBe(200);
    const sec = await signIn("security");
    const changed = await call(ctx.app, sec, "PATCH", `/api/v1/users/${ctx.users.committee.id}`, {
      role: "grid_worker",
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(appB, token)).statusCode).toBe(401);
    expect((await me(ctx.app, token)).statusCode).toBe(401);
  });

  it("disabling a user in A is a 401 in B at once", async () => {
    if (!pgOnly()) return;
    const token = await cachedInB("provider");
    const admin = await signIn("admin");
    const res = await call(ctx.app, admin, "PATCH", `/api/v1/users/${ctx.users.provider.id}`, {
      status: "disabled",
    });
    expect(res.statusCode).toBe(200);
    expect((await me(appB, token)).statusCode).toBe(401);
  });

  it("a password change in A ends the user's other sessions in B at once; the changing one goes on", async () => {
    if (!pgOnly()) return;
    const other = await cachedInB("station");
    const mine = await cachedInB("station");
    const res = await call(ctx.app, mine, "POST", "/api/v1/auth/password", {
      currentPassword: testPassword,
      newPassword: "Another-River-Pass-47",
    });
    expect(res.statusCode).toBe(204);
    expect((await me(appB, other)).statusCode).toBe(401);
    expect((await me(appB, mine)).statusCode).toBe(200);
  });

  it("the security administrator's reset of a second factor or end of sessions in A is a 401 in B at once", async () => {
    if (!pgOnly()) return;
    const sec = await signIn("security");
    const adminToken = await cachedInB("admin");
    const reset = await call(ctx.app, sec, "POST", `/api/v1/users/${ctx.users.admin.id}/totp/reset`);
    expect(reset.statusCode).toBe(204);
    expect((await me(appB, adminToken)).statusCode).toBe(401);
    const auditor = await cachedInB("auditor");
    const ended = await call(ctx.app, sec, "DELETE", `/api/v1/users/${ctx.users.auditor.id}/sessions`);
    expect(ended.statusCode).toBe(204);
    expect((await me(appB, auditor)).statusCode).toBe(401);
  });

  it("a change written by another tool (the command line, psql) is a 401 in B at once", async () => {
    if (!pgOnly()) return;
    const token = await cachedInB("finance");
    const tool = new pg.Client({
      connectionString: process.env.TEST_DATABASE_URL,
      options: `-c search_path=${ctx.database.schema}`,
    });
    await tool.connect();
    try {
      await tool.query("update app_user set status = 'disabled' where username = 'finance'");
    } finally {
      await tool.end();
    }
    expect((await me(appB, token)).statusCode).toBe(401);
  });

  it("with the LISTEN connection lost B keeps nothing and reads every session, and listens again", async () => {
    if (!pgOnly()) return;
    const sessions = appB.sessionCache!;
    const token = await cachedInB("market");
    const pid = sessions.listener.backendPid();
    expect(pid).not.toBeNull();
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend($1)", [pid]);
    } finally {
      await admin.end();
    }
    await until(() => !sessions.cache.listening);
    expect(sessions.cache.size).toBe(0);
    // Down: answered from the database, nothing kept; a sign-out meanwhile is seen.
    expect((await me(appB, token)).statusCode).toBe(200);
    expect(sessions.cache.size).toBe(0);
    expect((await call(ctx.app, token, "POST", "/api/v1/auth/logout")).statusCode).toBe(204);
    expect((await me(appB, token)).statusCode).toBe(401);
    // Back (a new connection after a second): sessions are kept again.
    await until(() => sessions.cache.listening && sessions.listener.backendPid() !== pid);
    await cachedInB("market");
  });
});
