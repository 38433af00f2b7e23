import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";

/** GET /departments/:id/members: the names of a department's active people, for its own people and offices. */
eachApi("department members", (ctx) => {
  const url = (id: string) => `/api/v1/departments/${id}/members`;
  let colleague: string;
  let disabled: string;

  beforeAll(async () => {
    const market = ctx.departments["620123"].market;
    const add = async (username: string, displayName: string, departmentId: string) => {
      const res = await ctx.as("county", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username,
          displayName,
          role: "cooperating_department",
          scope: ["620123"],
          departmentId,
          password: testPassword,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    colleague = await add("market-sun", "市场监管局 孙科员", market);
    disabled = await add("market-gone", "市场监管局 已调离", market);
    await add("housing-chen", "住建局 陈科员", ctx.departments["620123"].housing);
    const off = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/users/${disabled}`,
      payload: { status: "disabled" },
    });
    expect(off.statusCode).toBe(200);
  });

  it("lists a department's active people by id and name to its own members", async () => {
    const res = await ctx.as("market", { method: "GET", url: url(ctx.departments["620123"].market) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.id).sort()).toEqual([ctx.users.market.id, colleague].sort());
    expect(items).toContainEqual({ id: colleague, displayName: "市场监管局 孙科员" });
    for (const item of items) expect(Object.keys(item).sort()).toEqual(["displayName", "id"]);
    expect(items.map((i) => i.id)).not.toContain(disabled);
  });

  it("lists them to the office that keeps the department", async () => {
    const res = await ctx.as("county", { method: "GET", url: url(ctx.departments["620123"].market) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(2);
  });

  it("answers 401 without a session", async () => {
    const res = await ctx.as(null, { method: "GET", url: url(ctx.departments["620123"].market) });
    expect(res.statusCode).toBe(401);
  });

  it("answers 403 to people in scope who neither belong to nor keep the department", async () => {
    for (const username of ["market", "lead", "worker", "station", "auditor"]) {
      const res = await ctx.as(username, { method: "GET", url: url(ctx.departments["620123"].housing) });
      expect(res.statusCode, username).toBe(403);
      expect(res.json().code).toBe("forbidden");
    }
  });

  it("answers 404 for a department out of scope or unknown", async () => {
    const other = await ctx.as("county", { method: "GET", url: url(ctx.departments["620102"].market) });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe("not_found");
    const none = await ctx.as("market", {
      method: "GET",
      url: url("00000000-0000-4000-8000-000000000000"),
    });
    expect(none.statusCode).toBe(404);
  });
});
