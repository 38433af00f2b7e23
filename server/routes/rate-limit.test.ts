import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { nextTotpCode } from "../test/sign-in";

eachApi("rate limits", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const limits = { signInPerAccount: 3, signInPerSource: 6, signInWindowSeconds: 600, apiPerMinute: 5 };
    app = await buildApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, auth: { ...ctx.deps.config.auth, rateLimit: limits } },
    });
  });
  afterAll(() => app?.close());

  const login = (username: string, password: string, remoteAddress = "192.0.2.1") =>
    app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password }, remoteAddress });

  it("limits sign-in attempts per account: 429 rate_limited, Retry-After, Chinese message, security log row", async () => {
    for (let i = 0; i < 3; i++)
      expect((await login("committee", "Wrong-Pass-2026x", `192.0.2.${10 + i}`)).statusCode).toBe(401);
    const over = await login("committee", testPassword, "192.0.2.20");
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe("rate_limited");
    expect(over.json().message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    expect(over.json().details).toMatchObject({ limit: "sign_in_account" });
    const logged = await ctx.database.db
      .selectFrom("securityEvent")
      .selectAll()
      .where("kind", "=", "rate_limited")
      .where("username", "=", "committee")
      .execute();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0].detail)).toMatchObject({ limit: "sign_in_account" });
    // English on request.
    const en = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "committee", password: testPassword },
      headers: { "accept-language": "en" },
      remoteAddress: "192.0.2.21",
    });
    expect(en.json().message).toMatch(/^Too many requests; try again in \d+ s$/);
  });

  it("limits sign-in attempts per source address across accounts", async () => {
    const names = ["ghost-a", "ghost-b", "ghost-c", "ghost-d", "ghost-e", "ghost-f"];
    for (const n of names) expect((await login(n, "Wrong-Pass-2026x", "198.51.100.50")).statusCode).toBe(401);
    const over = await login("worker", testPassword, "198.51.100.50");
    expect(over.statusCode).toBe(429);
    expect(over.json().details).toMatchObject({ limit: "sign_in_source" });
    // Another address still gets through.
    expect((await login("worker", testPassword, "198.51.100.51")).statusCode).toBe(200);
  });

  it("counts second-factor attempts toward the same account budget", async () => {
    const first = await login("auditor", testPassword, "203.0.113.1");
    expect(first.json().stage).toBe("mfa_verify");
    const token = first.json().token as string;
    const verify = (code: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/totp/verify",
        payload: { code },
        headers: { authorization: `Bearer ${token}` },
        remoteAddress: "203.0.113.1",
      });
    expect((await verify("000000")).statusCode).toBe(422);
    expect((await verify("000001")).statusCode).toBe(422);
    const over = await verify(await nextTotpCode(ctx.deps.clock, "auditor"));
    expect(over.statusCode).toBe(429);
  });

  it("limits every other API call per session (generous by default, 5 a minute here)", async () => {
    const token = (await login("lead", testPassword, "203.0.113.77")).json().token as string;
    const me = () =>
      app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await me()).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const over = await me();
    expect(over.json()).toMatchObject({ code: "rate_limited", details: { limit: "api" } });
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
  });
});
