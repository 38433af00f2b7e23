import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";

eachApi("bad input", (ctx) => {
  const countUsers = async () =>
    (
      await ctx.deps.db
        .selectFrom("appUser")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  it("answers malformed JSON with 400 invalid_json", async () => {
    const res = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      headers: { "content-type": "application/json" },
      payload: "{bad",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: "invalid_json", message: "请求体不是有效的 JSON" });
  });

  it("refuses unknown fields and wrong types with 422 and a Chinese message, writing nothing", async () => {
    const before = await countUsers();
    const unknown = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "newbie",
        displayName: "新人",
        role: "grid_worker",
        scope: ["620123"],
        password: "Strong-Pass-2026x",
        isAdmin: true,
      },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe("validation_failed");
    expect(unknown.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const wrongType = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: { username: 5, displayName: "x", role: "grid_worker", scope: "620123", password: 1 },
    });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().details.issues.length).toBeGreaterThanOrEqual(2);
    expect(await countUsers()).toBe(before);
  });

  it("refuses an oversized body with 413", async () => {
    const big = JSON.stringify({ username: "x".repeat(2 * 1024 * 1024) });
    const res = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("payload_too_large");
  });

  it("refuses invalid and unknown region codes", async () => {
    const shape = await ctx.as("admin", { method: "GET", url: "/api/v1/regions/12345" });
    expect(shape.statusCode).toBe(422);
    const unknown = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "ghostscope",
        displayName: "x",
        role: "grid_worker",
        scope: ["629999"],
        password: "Strong-Pass-2026x",
      },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe("invalid_region_code");
    expect((await ctx.as("admin", { method: "GET", url: "/api/v1/regions/629999" })).statusCode).toBe(404);
  });

  it("enforces the password policy with a Chinese explanation", async () => {
    for (const password of [
      "Short-1a",
      "alllowercaseletters",
      "Liuyang-safegrid-2026",
      "Wangwu-Strong-2026",
    ]) {
      const res = await ctx.as("admin", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username: "wangwu",
          displayName: "王五",
          role: "grid_worker",
          scope: ["620123"],
          password,
        },
      });
      expect(res.statusCode, password).toBe(422);
      expect(res.json().code).toBe("weak_password");
    }
    const ok = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "wangwu",
        displayName: "王五",
        role: "grid_worker",
        scope: ["620123"],
        password: "Qx7-river-Lamp-88",
      },
    });
    expect(ok.statusCode).toBe(201);
  });

  it("refuses a duplicate username with 409", async () => {
    const res = await ctx.as("admin", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "county",
        displayName: "重复",
        role: "grid_worker",
        scope: ["620123"],
        password: "Qx7-river-Lamp-88",
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("duplicate");
  });

  it("answers unknown API paths with 404 not_found", async () => {
    const res = await ctx.as("admin", { method: "GET", url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
  });
});
