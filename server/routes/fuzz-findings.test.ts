import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { homeCounty } from "../test/fixtures";

/** Each answer ≥ 500 the fuzz benchmark found (bench/fuzz.ts), pinned by a test of its own. */
eachApi("fuzz findings", (ctx) => {
  it("renaming a department to a name its locality already uses is 409 duplicate, not a failed write", async () => {
    const created = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/departments",
      payload: { regionCode: homeCounty, name: "榆中县测试局", kind: "market" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const market = ctx.departments[homeCounty].market;
    const res = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/departments/${market}`,
      payload: { name: "榆中县测试局" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "duplicate", message: "部门“榆中县测试局”已存在" });
    const same = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/departments/${created.json().id}`,
      payload: { name: "榆中县测试局" },
    });
    expect(same.statusCode, "keeping its own name is fine").toBe(200);
  });
});
