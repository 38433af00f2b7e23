import { expect, it } from "vitest";
import { buildApp } from "../app";
import { eachApi } from "../test/api-harness";

eachApi("unexpected errors fail secure", (ctx) => {
  it("answers an unexpected error with 500 internal and a correlation id only — no message, stack or SQL", async () => {
    const app = await buildApp(ctx.deps);
    app.get("/api/v1/test-boom", { config: { access: "public" } }, async () => {
      throw new Error('select "secret" from app_user at /work/server/x.ts:1');
    });
    try {
      const res = await app.inject({ method: "GET", url: "/api/v1/test-boom" });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(["code", "details", "message"]);
      expect(body).toMatchObject({ code: "internal", message: "服务器内部错误" });
      expect(body.details.correlationId).toEqual(expect.any(String));
      expect(res.body).not.toMatch(/secret|select|\.ts/);
    } finally {
      await app.close();
    }
  });
});
