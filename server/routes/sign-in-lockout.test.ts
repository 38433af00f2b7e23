import { expect, it } from "vitest";
import { buildApp } from "../app";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";

eachApi("sign-in lockout, security log and source address", (ctx) => {
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password }, headers });
  const securityRows = (username: string) =>
    ctx.database.db
      .selectFrom("securityEvent")
      .selectAll()
      .where("username", "=", username)
      .orderBy("id")
      .execute();

  it("counts 30 parallel wrong passwords exactly: 5 failures, the rest 423, then even the right one 423 until the lock ends", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => login("station", "Wrong-Pass-2026x")));
    const byStatus = answers.reduce<Record<number, number>>((m, r) => {
      m[r.statusCode] = (m[r.statusCode] ?? 0) + 1;
      return m;
    }, {});
    // Failures 1–4 answer 401, the 5th locks the account (423), every later guess is refused uncounted.
    expect(byStatus).toEqual({ 401: 4, 423: 26 });
    const row = await ctx.database.db
      .selectFrom("loginThrottle")
      .selectAll()
      .where("username", "=", "station")
      .executeTakeFirstOrThrow();
    expect(Number(row.failures)).toBe(5);
    const kinds = (await securityRows("station")).map((r) => r.kind);
    expect(kinds.filter((k) => k === "sign_in_failed")).toHaveLength(5);
    expect(kinds.filter((k) => k === "account_locked")).toHaveLength(1);
    expect(kinds.filter((k) => k === "sign_in_refused_locked")).toHaveLength(25);

    const right = await login("station", testPassword);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe("account_locked");
    expect(right.json().message).toBe("登录失败次数过多，账号已临时锁定");
    expect(Number(right.headers["retry-after"])).toBe(30 * 60);
    ctx.deps.clock.advance({ minutes: 29 });
    const later = await login("station", testPassword);
    expect(later.statusCode).toBe(423);
    expect(Number(later.headers["retry-after"])).toBe(60);
    ctx.deps.clock.advance({ minutes: 1, hours: 0 });
    expect((await login("station", testPassword)).statusCode).toBe(200);
  });

  it("keeps failed sign-ins out of the hash-chained case trail (they go to the security log)", async () => {
    await login("nobody-at-all", "Wrong-Pass-2026x");
    const trail = await ctx.database.db
      .selectFrom("event")
      .select("action")
      .where("action", "like", "user.sign_in%")
      .execute();
    expect(trail).toEqual([]);
    const rows = await securityRows("nobody-at-all");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "sign_in_failed",
      userId: null,
      regionCode: null,
      ip: "127.0.0.1",
    });
    // A successful sign-in is a person's action: in the trail.
    await login("market", testPassword);
    const signedIn = await ctx.database.db
      .selectFrom("event")
      .select("action")
      .where("action", "=", "user.signed_in")
      .where("subjectId", "=", ctx.users.market.id)
      .execute();
    expect(signedIn).toHaveLength(1);
  });

  it("records the socket's address, not a client-chosen X-Forwarded-For (no proxy trusted by default)", async () => {
    await login("spoof-probe", "Wrong-Pass-2026x", { "x-forwarded-for": "203.0.113.9" });
    expect((await securityRows("spoof-probe"))[0].ip).toBe("127.0.0.1");
    const ok = await login("county", testPassword, { "x-forwarded-for": "203.0.113.9" });
    expect(ok.statusCode).toBe(200);
    const session = await ctx.database.db
      .selectFrom("session")
      .select("ip")
      .where("userId", "=", ctx.users.county.id)
      .orderBy("createdAt", "desc")
      .executeTakeFirstOrThrow();
    expect(session.ip).toBe("127.0.0.1");
  });

  it("handles a header with 10,000 forwarded addresses without harm, trusted proxy or not", async () => {
    const many = Array.from(
      { length: 10_000 },
      (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    ).join(", ");
    const plain = await login("flood-probe", "Wrong-Pass-2026x", { "x-forwarded-for": many });
    expect(plain.statusCode).toBe(401);
    const behindProxy = await buildApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, trustedProxies: ["127.0.0.1"] },
    });
    try {
      const res = await behindProxy.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "flood-probe-2", password: "Wrong-Pass-2026x" },
        headers: { "x-forwarded-for": many },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      // Behind a trusted proxy the client is the last address the proxy saw (the rightmost untrusted one).
      const honest = await behindProxy.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "proxied-probe", password: "Wrong-Pass-2026x" },
        headers: { "x-forwarded-for": "198.51.100.7" },
      });
      expect(honest.statusCode).toBe(401);
      expect((await securityRows("proxied-probe"))[0].ip).toBe("198.51.100.7");
    } finally {
      await behindProxy.close();
    }
  });

  it("a real socket refuses an oversized forwarded header with 431, not 500", async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const { port } = ctx.app.server.address() as { port: number };
      const many = Array.from({ length: 10_000 }, () => "10.0.0.1").join(", ");
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
        headers: { "x-forwarded-for": many },
      });
      expect(res.status).toBe(431);
    } finally {
      await ctx.app.close();
    }
  });
});
