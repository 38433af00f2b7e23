import { generate } from "otplib";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { nextTotpCode, testTotpSecret } from "../test/sign-in";

eachApi("two factors (TOTP)", (ctx) => {
  const login = (username: string, password = testPassword) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  const call = (token: string, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    ctx.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  const codeAt = (secret: string) =>
    generate({ secret, epoch: Math.floor(ctx.deps.clock.now().getTime() / 1000) });
  const nextStep = () =>
    ctx.deps.clock.advance({ minutes: (30_000 - (ctx.deps.clock.now().getTime() % 30_000)) / 60_000 });

  it("an administrator with an authenticator gets a half session: only verify, me and logout until the code", async () => {
    const res = await login("admin");
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe("mfa_verify");
    const token = res.json().token as string;
    const users = await call(token, "GET", "/api/v1/users");
    expect(users.statusCode).toBe(403);
    expect(users.json()).toMatchObject({
      code: "mfa_required",
      message: expect.stringContaining("双因素认证"),
    });
    expect((await call(token, "GET", "/api/v1/auth/me")).json().stage).toBe("mfa_verify");

    const wrong = await call(token, "POST", "/api/v1/auth/totp/verify", { code: "123456" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toEqual({ code: "totp_invalid", message: "动态验证码或恢复码不正确" });
    const good = await call(token, "POST", "/api/v1/auth/totp/verify", {
      code: await nextTotpCode(ctx.deps.clock, "admin"),
    });
    expect(good.statusCode).toBe(204);
    expect((await call(token, "GET", "/api/v1/users")).statusCode).toBe(200);
    const trail = await ctx.database.db
      .selectFrom("event")
      .select("data")
      .where("action", "=", "user.signed_in")
      .where("subjectId", "=", ctx.users.admin.id)
      .execute();
    expect(trail.map((e) => JSON.parse(e.data).factor)).toContain("totp");
    const security = await ctx.database.db
      .selectFrom("securityEvent")
      .select("kind")
      .where("username", "=", "admin")
      .execute();
    expect(security.map((s) => s.kind)).toEqual(["totp_failed"]);
  });

  it("refuses a replayed code (same time step) with totp_replayed, and counts it as a failure", async () => {
    nextStep();
    const code = await codeAt(testTotpSecret);
    const first = (await login("security")).json().token as string;
    const firstVerify = await call(first, "POST", "/api/v1/auth/totp/verify", { code });
    expect(firstVerify.statusCode, firstVerify.body + code).toBe(204);
    const second = (await login("security")).json().token as string;
    const replay = await call(second, "POST", "/api/v1/auth/totp/verify", { code });
    expect(replay.statusCode).toBe(422);
    expect(replay.json()).toEqual({
      code: "totp_replayed",
      message: "该动态验证码已使用过，请等待下一个验证码",
    });
    expect((await call(second, "GET", "/api/v1/auth/me")).json().stage).toBe("mfa_verify");
  });

  it("locks the account after 5 wrong codes, like wrong passwords (423 with Retry-After)", async () => {
    const token = (await login("auditor")).json().token as string;
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await call(token, "POST", "/api/v1/auth/totp/verify", { code: `00000${i}` })).statusCode);
    expect(answers).toEqual([422, 422, 422, 422, 423, 423]);
    const locked = await login("auditor");
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    ctx.deps.clock.advance({ minutes: 31 });
  });

  it("an optional user enrols by QR code, confirms with a code, gets 10 recovery codes once; the secret is never answered again", async () => {
    const token = await ctx.token("county");
    const start = await call(token, "POST", "/api/v1/auth/totp/enrol");
    expect(start.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = start.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    const stored = await ctx.database.db
      .selectFrom("appUser")
      .select(["totpPendingSecret", "totpSecret"])
      .where("id", "=", ctx.users.county.id)
      .executeTakeFirstOrThrow();
    expect(stored.totpPendingSecret).not.toContain(secret);
    expect(stored.totpSecret).toBeNull();

    const bad = await call(token, "POST", "/api/v1/auth/totp/confirm", { code: "000000" });
    expect(bad.json().code).toBe("totp_invalid");
    const notHalf = await ctx.database.db
      .selectFrom("appUser")
      .select("totpSecret")
      .where("id", "=", ctx.users.county.id)
      .executeTakeFirstOrThrow();
    expect(notHalf.totpSecret).toBeNull();

    const ok = await call(token, "POST", "/api/v1/auth/totp/confirm", { code: await codeAt(secret) });
    expect(ok.statusCode).toBe(200);
    const codes = ok.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const again = await call(token, "POST", "/api/v1/auth/totp/enrol");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("totp_already_enrolled");
    const me = await call(token, "GET", "/api/v1/auth/me");
    expect(JSON.stringify(me.json())).not.toContain(secret);
    expect(me.json().twoFactor).toEqual({ enrolled: true, required: false });
    const rows = await ctx.database.db
      .selectFrom("recoveryCode")
      .select("codeHash")
      .where("userId", "=", ctx.users.county.id)
      .execute();
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.codeHash)).not.toContain(codes[0]);

    // Next sign-in asks for the code; a recovery code works once.
    const next = (await login("county")).json();
    expect(next.stage).toBe("mfa_verify");
    expect((await call(next.token, "POST", "/api/v1/auth/totp/verify", { code: codes[0] })).statusCode).toBe(
      204,
    );
    const later = (await login("county")).json();
    const reused = await call(later.token, "POST", "/api/v1/auth/totp/verify", { code: codes[0] });
    expect(reused.json().code).toBe("totp_invalid");
    expect(
      (await call(later.token, "POST", "/api/v1/auth/totp/verify", { code: codes[1].toUpperCase() }))
        .statusCode,
    ).toBe(204);
  });

  it("only the security administrator resets someone's second factor", async () => {
    for (const who of ["admin", "auditor", "county"]) {
      const res = await ctx.as(who, {
        method: "POST",
        url: `/api/v1/users/${ctx.users.security.id}/totp/reset`,
      });
      expect(res.statusCode, who).toBe(403);
    }
  });
  it("an administrator without an authenticator must enrol before any data route works", async () => {
    const security = await ctx.token("security");
    // The security administrator resets the system administrator's factor (a lost phone).
    const reset = await call(security, "POST", `/api/v1/users/${ctx.users.admin.id}/totp/reset`);
    expect(reset.statusCode).toBe(204);
    const first = (await login("admin")).json();
    expect(first.stage).toBe("mfa_enrol");
    expect((await call(first.token, "GET", "/api/v1/regions/62")).json().code).toBe("mfa_required");
    const verify = await call(first.token, "POST", "/api/v1/auth/totp/verify", { code: "123456" });
    expect(verify.json().code).toBe("totp_not_pending");
    const { secret } = (await call(first.token, "POST", "/api/v1/auth/totp/enrol")).json();
    nextStep();
    const done = await call(first.token, "POST", "/api/v1/auth/totp/confirm", { code: await codeAt(secret) });
    expect(done.statusCode).toBe(200);
    expect((await call(first.token, "GET", "/api/v1/auth/me")).json().stage).toBe("full");
    expect((await call(first.token, "GET", "/api/v1/users")).statusCode).toBe(200);
    const actions = await ctx.database.db
      .selectFrom("event")
      .select("action")
      .where("subjectId", "=", ctx.users.admin.id)
      .where("action", "in", ["user.totp_reset", "user.totp_enrolled"])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "user.totp_enrolled",
      "user.totp_reset",
      "user.totp_enrolled",
    ]);
  });
});
