import { expect, it } from "vitest";
import { buildApp } from "../app";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { signInForTest } from "../test/sign-in";

eachApi("passwords, sessions and separation of duties", (ctx) => {
  const login = (username: string, password = testPassword) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  const call = (token: string, method: "GET" | "POST" | "DELETE" | "PATCH", url: string, payload?: object) =>
    ctx.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  const userRow = (id: string) =>
    ctx.database.db.selectFrom("appUser").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("an account created by another user must change its password first; only that route works until then", async () => {
    const made = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "gw-new",
        displayName: "新网格员",
        role: "grid_worker",
        scope: ["620123100001"],
        password: "Initial-River-Pass-31",
      },
    });
    expect(made.statusCode).toBe(201);
    const first = await login("gw-new", "Initial-River-Pass-31");
    expect(first.json().stage).toBe("full");
    const token = first.json().token as string;
    const blocked = await call(token, "GET", "/api/v1/regions/620123");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({
      code: "password_change_required",
      message: "请先修改密码后再继续使用",
      details: { reason: "created" },
    });
    expect((await call(token, "GET", "/api/v1/auth/me")).json().passwordChangeRequired).toBe("created");
    const same = await call(token, "POST", "/api/v1/auth/password", {
      currentPassword: "Initial-River-Pass-31",
      newPassword: "Initial-River-Pass-31",
    });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toEqual({
      code: "password_reused",
      message: "新密码不能与最近 5 次使用过的密码相同",
    });
    const wrongCurrent = await call(token, "POST", "/api/v1/auth/password", {
      currentPassword: "Not-The-Password-1",
      newPassword: "Second-River-Pass-32",
    });
    expect(wrongCurrent.json().code).toBe("current_password_wrong");
    const ok = await call(token, "POST", "/api/v1/auth/password", {
      currentPassword: "Initial-River-Pass-31",
      newPassword: "Second-River-Pass-32",
    });
    expect(ok.statusCode).toBe(204);
    expect((await call(token, "GET", "/api/v1/regions/620123")).statusCode).toBe(200);
  });

  it("refuses any of the last 5 passwords, and keeps nothing half-changed", async () => {
    const token = (await login("gw-new", "Second-River-Pass-32")).json().token as string;
    const pw = ["Third-River-Pass-33", "Fourth-River-Pass-34", "Fifth-River-Pass-35", "Sixth-River-Pass-36"];
    let current = "Second-River-Pass-32";
    for (const next of pw) {
      const res = await call(token, "POST", "/api/v1/auth/password", {
        currentPassword: current,
        newPassword: next,
      });
      expect(res.statusCode, next).toBe(204);
      current = next;
    }
    const { id } = await ctx.database.db
      .selectFrom("appUser")
      .select("id")
      .where("username", "=", "gw-new")
      .executeTakeFirstOrThrow();
    const before = await userRow(id);
    // Last five: Second…Sixth. Second is refused, Initial (the sixth back) is allowed again.
    const reused = await call(token, "POST", "/api/v1/auth/password", {
      currentPassword: current,
      newPassword: "Second-River-Pass-32",
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe("password_reused");
    const after = await userRow(id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.passwordChangedAt).toBe(before.passwordChangedAt);
    const old = await call(token, "POST", "/api/v1/auth/password", {
      currentPassword: current,
      newPassword: "Initial-River-Pass-31",
    });
    expect(old.statusCode).toBe(204);
  });

  it("a user lists and revokes their own sessions; another user's session id is not found", async () => {
    const a = (await login("market")).json().token as string;
    const b = (await login("market")).json().token as string;
    const list = await call(a, "GET", "/api/v1/auth/sessions");
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; ip: string }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const other = items.find((s) => !s.current)!;
    const leadSession = (await call(await ctx.token("lead"), "GET", "/api/v1/auth/sessions")).json().items[0]
      .id;
    expect((await call(a, "DELETE", `/api/v1/auth/sessions/${leadSession}`)).statusCode).toBe(404);
    expect((await call(a, "DELETE", `/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(204);
    const stillA = await call(a, "GET", "/api/v1/auth/me");
    expect(stillA.statusCode).toBe(200);
    // b may be the revoked one or another; every remaining session is listed, the revoked one is gone.
    const ids = (await call(a, "GET", "/api/v1/auth/sessions")).json().items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(other.id);
    expect(b).toBeTruthy();
  });

  it("the security administrator sees an account's lock and sessions, unlocks it and ends its sessions (in the trail)", async () => {
    const station = (await login("station")).json().token as string;
    for (let i = 0; i < 5; i++) await login("station", "Wrong-Pass-2026x");
    expect((await login("station")).statusCode).toBe(423);
    const sec = await ctx.token("security");
    const view = await call(sec, "GET", `/api/v1/users/${ctx.users.station.id}/security`);
    expect(view.statusCode).toBe(200);
    expect(view.json().lockedUntil).toBeTruthy();
    expect(view.json().sessions.length).toBeGreaterThanOrEqual(1);
    expect((await call(sec, "POST", `/api/v1/users/${ctx.users.station.id}/unlock`)).statusCode).toBe(204);
    expect((await login("station")).statusCode).toBe(200);
    expect((await call(sec, "DELETE", `/api/v1/users/${ctx.users.station.id}/sessions`)).statusCode).toBe(
      204,
    );
    expect((await call(station, "GET", "/api/v1/auth/me")).statusCode).toBe(401);
    const actions = await ctx.database.db
      .selectFrom("event")
      .select(["action", "actorId"])
      .where("subjectId", "=", ctx.users.station.id)
      .where("action", "in", ["user.unlocked", "user.sessions_ended"])
      .orderBy("id")
      .execute();
    expect(actions).toEqual([
      { action: "user.unlocked", actorId: ctx.users.security.id },
      { action: "user.sessions_ended", actorId: ctx.users.security.id },
    ]);
    // The system administrator and an office may not (roles are the security administrator's).
    for (const who of ["admin", "county"])
      expect(
        (await ctx.as(who, { method: "POST", url: `/api/v1/users/${ctx.users.station.id}/unlock` }))
          .statusCode,
      ).toBe(403);
    // Out of the security administrator's scope: not found.
    const other = await ctx.as("security", { method: "GET", url: "/api/v1/users/no-such-user/security" });
    expect(other.statusCode).toBe(404);
  });

  it("separation of duties: no account holds two admin roles, nobody changes their own role, the system administrator changes no role", async () => {
    const patch = (who: string, id: string, payload: object) =>
      ctx.as(who, { method: "PATCH", url: `/api/v1/users/${id}`, payload });
    const toSecurity = await patch("security", ctx.users.auditor.id, { role: "security_admin" });
    expect(toSecurity.statusCode).toBe(409);
    expect(toSecurity.json().code).toBe("separation_of_duties");
    expect(toSecurity.json().message).toContain("三员分立");
    const own = await patch("security", ctx.users.security.id, { scope: ["6201"] });
    expect(own.json().code).toBe("separation_of_duties");
    const bySysAdmin = await patch("admin", ctx.users.worker.id, { role: "committee_member" });
    expect(bySysAdmin.json().code).toBe("separation_of_duties");
    expect((await userRow(ctx.users.auditor.id)).role).toBe("auditor");
    expect((await userRow(ctx.users.worker.id)).role).toBe("grid_worker");
    // The security administrator changes roles and scopes; the system administrator edits profiles.
    const regrant = await patch("security", ctx.users.committee.id, { role: "grid_worker" });
    expect(regrant.statusCode).toBe(200);
    expect(regrant.json().role).toBe("grid_worker");
    const profile = await patch("admin", ctx.users.committee.id, { displayName: "改名后的委员" });
    expect(profile.statusCode).toBe(200);
    const profileBySecurity = await patch("security", ctx.users.committee.id, { displayName: "安全员改名" });
    expect(profileBySecurity.statusCode).toBe(403);
    const trail = await ctx.database.db
      .selectFrom("event")
      .select(["actorId", "data"])
      .where("action", "=", "user.updated")
      .where("subjectId", "=", ctx.users.committee.id)
      .orderBy("id")
      .execute();
    expect(trail.map((t) => t.actorId)).toEqual([ctx.users.security.id, ctx.users.admin.id]);
  });

  it("the security log is for the audit and security administrators, scoped by region, filtered and paged", async () => {
    await login("lead", "Wrong-Pass-2026x");
    await login("other_lead", "Wrong-Pass-2026x");
    const res = await ctx.as("auditor", {
      method: "GET",
      url: "/api/v1/security-log?kind=sign_in_failed&pageSize=100",
    });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((i: { username: string }) => i.username);
    expect(names).toContain("lead");
    // The auditor's scope is 榆中县: the neighbour county's rows are not shown.
    expect(names).not.toContain("other_lead");
    const item = res.json().items.find((i: { username: string }) => i.username === "lead");
    expect(item).toMatchObject({ kind: "sign_in_failed", userId: ctx.users.lead.id, ip: "127.0.0.1" });
    expect(Object.keys(item).sort()).toEqual(["at", "detail", "id", "ip", "kind", "userId", "username"]);
    const byName = await ctx.as("security", {
      method: "GET",
      url: "/api/v1/security-log?username=other_lead",
    });
    expect(byName.json().total).toBe(1);
    const future = await ctx.as("auditor", {
      method: "GET",
      url: `/api/v1/security-log?from=${encodeURIComponent("2099-01-01T00:00:00+08:00")}`,
    });
    expect(future.json()).toEqual({ items: [], total: 0 });
    const badTime = await ctx.as("auditor", { method: "GET", url: "/api/v1/security-log?from=yesterday" });
    expect(badTime.statusCode).toBe(422);
    for (const who of ["admin", "county", "worker"])
      expect((await ctx.as(who, { method: "GET", url: "/api/v1/security-log" })).statusCode, who).toBe(403);
  });
  // Last: it moves the clock by 73 hours (the cached sessions of the other tests expire).
  it("an administrator's reset is temporary: change at next sign-in, and an expired reset is a clear 401", async () => {
    const reset = await ctx.as("admin", {
      method: "POST",
      url: `/api/v1/users/${ctx.users.provider.id}/password`,
      payload: { password: "Temporary-Vendor-Pass-90" },
    });
    expect(reset.statusCode).toBe(204);
    const row = await userRow(ctx.users.provider.id);
    expect(row.passwordChangeReason).toBe("reset");
    const first = await login("provider", "Temporary-Vendor-Pass-90");
    expect(first.statusCode).toBe(200);
    expect((await call(first.json().token, "GET", "/api/v1/sites")).json().code).toBe(
      "password_change_required",
    );
    ctx.deps.clock.advance({ hours: 73 });
    const expired = await login("provider", "Temporary-Vendor-Pass-90");
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({
      code: "password_reset_expired",
      message: "临时密码已过期，请联系管理员重新重置",
    });
    const log = await ctx.database.db
      .selectFrom("securityEvent")
      .select("kind")
      .where("username", "=", "provider")
      .execute();
    expect(log.map((l) => l.kind)).toContain("temporary_password_expired");
    const trail = await ctx.database.db
      .selectFrom("event")
      .select("action")
      .where("subjectId", "=", ctx.users.provider.id)
      .where("action", "=", "user.password_reset")
      .execute();
    expect(trail).toHaveLength(1);
  });

  it("administrators idle out after 15 minutes (others 30); a password older than 90 days must be changed", async () => {
    const auth = { ...ctx.deps.config.auth, adminIdleMinutes: 15, passwordMaxAgeDays: 90 };
    const app = await buildApp({ ...ctx.deps, config: { ...ctx.deps.config, auth } });
    try {
      ctx.deps.clock.advance({ days: 91 });
      const me = (token: string) =>
        app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
      const admin = await signInForTest(app, ctx.deps.clock, "security");
      const city = await signInForTest(app, ctx.deps.clock, "city");
      ctx.deps.clock.advance({ minutes: 16 });
      expect((await me(admin)).json().code).toBe("session_expired");
      const cityMe = await me(city);
      expect(cityMe.statusCode).toBe(200);
      expect(cityMe.json().passwordChangeRequired).toBe("expired");
      const blocked = await app.inject({
        method: "GET",
        url: "/api/v1/users",
        headers: { authorization: `Bearer ${city}` },
      });
      expect(blocked.json()).toMatchObject({
        code: "password_change_required",
        details: { reason: "expired" },
      });
      const changed = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: { authorization: `Bearer ${city}` },
        payload: { currentPassword: testPassword, newPassword: "Renewed-Metro-Pass-2027" },
      });
      expect(changed.statusCode).toBe(204);
      const open = await app.inject({
        method: "GET",
        url: "/api/v1/users",
        headers: { authorization: `Bearer ${city}` },
      });
      expect(open.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
