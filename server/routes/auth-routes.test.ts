import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";

eachApi("auth", (ctx) => {
  const login = (username: string, password: string) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  const me = (token: string) =>
    ctx.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });

  it("signs in with a bearer token and an httpOnly cookie, and answers who I am", async () => {
    const res = await login("county", testPassword);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: "county", role: "county_office", scope: ["620123"] });
    expect(body.user).not.toHaveProperty("passwordHash");
    const cookie = res.cookies.find((c) => c.name === "sg_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect((await me(body.token)).json().nav).toContain("regions");
    const viaCookie = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      cookies: { sg_session: cookie.value },
    });
    expect(viaCookie.statusCode).toBe(200);
  });

  it("answers a wrong password exactly like an unknown user", async () => {
    const wrong = await login("city", "Wrong-Pass-2026x");
    const unknown = await login("nobody-here", "Wrong-Pass-2026x");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ code: "invalid_credentials", message: "用户名或密码错误" });
  });

  it("locks an account after 5 failures in 15 minutes, for 30 minutes, the same for unknown users", async () => {
    for (const username of ["station", "ghost-user"]) {
      for (let i = 0; i < 4; i++) {
        expect((await login(username, "Wrong-Pass-2026x")).statusCode).toBe(401);
        ctx.deps.clock.advance({ minutes: 2 });
      }
      const fifth = await login(username, "Wrong-Pass-2026x");
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().code).toBe("account_locked");
      // Even the right password is refused while locked.
      const during = await login(username, testPassword);
      expect(during.statusCode).toBe(423);
      ctx.deps.clock.advance({ minutes: 29 });
      expect((await login(username, testPassword)).statusCode).toBe(423);
      ctx.deps.clock.advance({ minutes: 2 });
    }
    expect((await login("station", testPassword)).statusCode).toBe(200);
  });

  it("does not lock when the failures are spread over more than 15 minutes", async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login("committee", "Wrong-Pass-2026x")).statusCode).toBe(401);
      ctx.deps.clock.advance({ minutes: 4 });
    }
    expect((await login("committee", testPassword)).statusCode).toBe(200);
  });

  it("ends a session after 30 idle minutes", async () => {
    const { token } = (await login("provider", testPassword)).json();
    ctx.deps.clock.advance({ minutes: 29 });
    expect((await me(token)).statusCode).toBe(200);
    ctx.deps.clock.advance({ minutes: 29 });
    expect((await me(token)).statusCode).toBe(200);
    ctx.deps.clock.advance({ minutes: 31 });
    const expired = await me(token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe("session_expired");
    expect((await me(token)).json().code).toBe("unauthenticated");
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    const { token } = (await login("city", testPassword)).json();
    for (let i = 0; i < 24; i++) {
      ctx.deps.clock.advance({ minutes: 25 });
      expect((await me(token)).statusCode).toBe(200);
    }
    ctx.deps.clock.advance({ minutes: 25 });
    expect((await me(token)).statusCode).toBe(200);
    ctx.deps.clock.advance({ hours: 1, minutes: 10 });
    expect((await me(token)).json().code).toBe("session_expired");
  });

  it("signs out", async () => {
    const { token } = (await login("worker", testPassword)).json();
    const out = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
  });

  it("answers unauthenticated calls with 401 and a Chinese message (English on request)", async () => {
    const zh = await ctx.app.inject({ method: "GET", url: "/api/v1/users" });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ code: "unauthenticated", message: "请先登录" });
    const en = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/users",
      headers: { "accept-language": "en-US,en" },
    });
    expect(en.json().message).toBe("Sign-in required");
  });
});
