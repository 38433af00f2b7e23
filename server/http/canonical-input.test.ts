import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { caseActions } from "../../domain/case/case-types";
import { caseGate } from "../../domain/policies/case-policy";
import { eachApi } from "../test/api-harness";

const uploadRoutes = [
  "/api/v1/sites/import",
  "/api/v1/grids/import",
  "/api/v1/grids/import/inspect",
  "/api/v1/evidence",
];

eachApi("canonical input at the edge", (ctx) => {
  const eventCount = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom("event")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const verify = async () => (await ctx.as("auditor", { method: "GET", url: "/api/v1/trail/verify" })).json();

  it("defect 9: a sign-in with a lone surrogate is 422 malformed_text, stores nothing, and the trail verifies", async () => {
    const before = await eventCount();
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"username":"a\\udc00b","password":"x"}',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "malformed_text", details: { where: "body.username" } });
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await eventCount()).toBe(before);
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it("refuses lone surrogates and NUL in body keys, query and path, and accepts emoji, BOM and RTL text", async () => {
    const key = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"x\\ud800":1}',
    });
    expect(key.json().code).toBe("malformed_text");
    const nul = await ctx.as("county", { method: "GET", url: "/api/v1/cases?q=a%00b" });
    expect(nul.statusCode).toBe(422);
    expect(nul.json()).toMatchObject({ code: "malformed_text", details: { where: "query.q" } });
    const param = await ctx.as("county", { method: "GET", url: "/api/v1/cases/a%00b" });
    expect(param.json().code).toBe("malformed_text");
    const fine = await ctx.as("county", {
      method: "GET",
      url: `/api/v1/cases?q=${encodeURIComponent("\ufeff😀\u202e站")}`,
    });
    expect(fine.statusCode).toBe(200);
  });

  it("defect 10: a body nested 2,500 deep with an idempotency key is 4xx on every case action", async () => {
    const deep = `${'{"a":'.repeat(2500)}1${"}".repeat(2500)}`;
    const id = randomUUID();
    expect(caseActions.length).toBeGreaterThanOrEqual(18);
    for (const action of caseActions) {
      const res = await ctx.as("county", {
        method: "POST",
        url: `/api/v1/cases/${id}/${action}`,
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        payload: `{"idempotencyKey":"${randomUUID()}","x":${deep}}`,
      });
      // A role the action's gate refuses is answered 403 before the body is read (the access table).
      const admitted = caseGate[action](ctx.users.county);
      expect(res.statusCode, action).toBe(admitted ? 422 : 403);
      expect(res.json().code).toBe(admitted ? "input_too_complex" : "forbidden");
    }
    const wide = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/cases",
      payload: { photos: Array.from({ length: 10_001 }, () => 1) },
    });
    expect(wide.json()).toMatchObject({
      code: "input_too_complex",
      details: { limit: { arrayItems: 10_000 } },
    });
  });

  it("defect 10: malformed multipart on the four upload routes is 400 malformed_multipart", async () => {
    const boundary = "----sgfuzz";
    const bodies: { name: string; type: string; payload: string }[] = [
      { name: "no boundary", type: "multipart/form-data", payload: "--x\r\n\r\n" },
      {
        name: "truncated",
        type: `multipart/form-data; boundary=${boundary}`,
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`,
      },
      {
        name: "wrong content",
        type: `multipart/form-data; boundary=${boundary}`,
        payload: "not multipart at all",
      },
    ];
    for (const url of uploadRoutes) {
      for (const b of bodies) {
        const res = await ctx.as("county", {
          method: "POST",
          url,
          headers: { "content-type": b.type },
          payload: b.payload,
        });
        expect(res.statusCode, `${url} ${b.name}`).toBe(400);
        expect(res.json().code, `${url} ${b.name}`).toBe("malformed_multipart");
      }
    }
  });

  it("a multipart field holding NUL is 422 malformed_text", async () => {
    const boundary = "----sgnul";
    const res = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/sites/import",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\na\0b\r\n--${boundary}--\r\n`,
    });
    expect(res.json()).toMatchObject({ code: "malformed_text", details: { where: "multipart.mode" } });
  });
});
