import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";

eachApi("users and departments", (ctx) => {
  it("lets a county office create a grid worker in its county, but not beyond it or above its rank", async () => {
    const ok = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "gw-lisi",
        displayName: "李四",
        role: "grid_worker",
        scope: ["620123100001"],
        phone: "13800001111",
        password: "Qx7-river-Lamp-88",
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: "gw-lisi", role: "grid_worker", status: "active" });
    const outside = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "gw-out",
        displayName: "外县",
        role: "grid_worker",
        scope: ["620102001"],
        password: "Qx7-river-Lamp-88",
      },
    });
    expect(outside.statusCode).toBe(403);
    const higher = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "boss",
        displayName: "上级",
        role: "city_office",
        scope: ["620123"],
        password: "Qx7-river-Lamp-88",
      },
    });
    expect(higher.statusCode).toBe(403);
  });

  it("disabling a user ends their sessions and blocks sign-in", async () => {
    const token = (
      await ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "gw-lisi", password: "Qx7-river-Lamp-88" },
      })
    ).json().token;
    const id = (await ctx.as("county", { method: "GET", url: "/api/v1/users?q=gw-lisi" })).json().items[0].id;
    const res = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/users/${id}`,
      payload: { status: "disabled" },
    });
    expect(res.statusCode).toBe(200);
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(401);
    const again = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "gw-lisi", password: "Qx7-river-Lamp-88" },
    });
    expect(again.json().code).toBe("invalid_credentials");
  });

  it("records every change in the trail without secrets", async () => {
    const events = (
      await ctx.as("county", { method: "GET", url: "/api/v1/trail/events?pageSize=200" })
    ).json().items as { action: string; data: Record<string, unknown> }[];
    const created = events.find((e) => e.action === "user.created" && e.data.username === "gw-lisi")!;
    expect(created).toBeDefined();
    expect(JSON.stringify(created)).not.toContain("Qx7-river-Lamp-88");
    expect(JSON.stringify(events)).not.toContain("13800001111");
    expect(events.some((e) => e.action === "user.updated" && e.data.status === "disabled")).toBe(true);
  });

  it("keeps one lead department per locality", async () => {
    const list = (await ctx.as("county", { method: "GET", url: "/api/v1/departments?region=620123" })).json()
      .items as { id: string; kind: string; gridRole: string }[];
    expect(list.filter((d) => d.gridRole === "lead").map((d) => d.kind)).toEqual(["emergency"]);
    const market = list.find((d) => d.kind === "market")!;
    const res = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/departments/${market.id}`,
      payload: { gridRole: "lead" },
    });
    expect(res.statusCode).toBe(200);
    const after = (await ctx.as("county", { method: "GET", url: "/api/v1/departments?region=620123" })).json()
      .items as { kind: string; gridRole: string }[];
    expect(after.filter((d) => d.gridRole === "lead").map((d) => d.kind)).toEqual(["market"]);
    await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/departments/${list.find((d) => d.kind === "emergency")!.id}`,
      payload: { gridRole: "lead" },
    });
  });

  it("lets a user change their own password (with the current one) and ends their other sessions", async () => {
    const token = await ctx.token("provider");
    const other = (
      await ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "provider", password: testPassword },
      })
    ).json().token as string;
    const res = await ctx.as("provider", {
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: testPassword, newPassword: "Fresh-Vendor-Pass-77" },
    });
    expect(res.statusCode).toBe(204);
    const me = (t: string) =>
      ctx.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${t}` } });
    expect((await me(token)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    const old = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "provider", password: testPassword },
    });
    expect(old.statusCode).toBe(401);
    // Not through the administrators' reset route: that one is for someone else's password.
    const selfReset = await ctx.as("admin", {
      method: "POST",
      url: `/api/v1/users/${ctx.users.admin.id}/password`,
      payload: { password: "Another-Fresh-Pass-78" },
    });
    expect(selfReset.statusCode).toBe(422);
  });

  it("routes a site to its department with the deciding rule", async () => {
    const res = await ctx.as("worker", {
      method: "POST",
      url: "/api/v1/routing-rules/resolve",
      payload: { regionCode: "620123100001", industryCode: "5265", kind: "enterprise" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      departmentKind: "emergency",
      department: { name: "榆中县应急管理局" },
    });
    expect(res.json().explanation).toContain("机动车燃油零售");
    expect(res.json().explanation).not.toContain("default-5265");
  });
});
