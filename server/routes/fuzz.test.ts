import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { homeCounty, testPassword } from "../test/fixtures";
import { buildFuzzWorld } from "../test/fuzz/fuzz-world";
import { fuzzPlan, type OpenApi, operationsOf } from "../test/fuzz/openapi-fuzz";
import { passwordSignIn, runFuzz } from "../test/fuzz/run-fuzz";

const seed = 20261204;

eachApi("fuzz from the OpenAPI description", (ctx) => {
  it("answers every mutated request of every route below 500, and the trail verifies afterwards", async () => {
    const spec = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as OpenApi;
    const world = await buildFuzzWorld(ctx.app, await ctx.token("county"), {
      userId: ctx.users.worker.id,
      departmentId: ctx.departments[homeCounty].market,
      regionCode: homeCounty,
    });
    const plan = fuzzPlan(spec, world, seed, { perField: 4 });
    const covered = new Set(plan.map((r) => r.operation));
    expect([...covered].sort()).toEqual(
      operationsOf(spec)
        .map((o) => o.key)
        .sort(),
    );
    const out = await runFuzz(
      ctx.app,
      plan,
      ["county", "admin", null],
      passwordSignIn(ctx.app, testPassword, ctx.deps.clock),
      seed,
    );
    console.log(
      JSON.stringify({
        dialect: ctx.dialect,
        sent: out.sent,
        byStatus: out.byStatus,
        failures: out.failures.length,
      }),
    );
    expect(out.failures).toEqual([]);
    const undocumented: string[] = [];
    for (const [operation, statuses] of out.answered) {
      const [method, path] = operation.split(" ");
      const documented = Object.keys(spec.paths[path][method.toLowerCase()].responses ?? {});
      for (const status of statuses)
        if (!documented.includes(String(status))) undocumented.push(`${operation} answered ${status}`);
    }
    expect(undocumented, "every status a route answers is documented in its OpenAPI responses").toEqual([]);
    // The audit administrator checks the trail (the system administrator does not read it: 三员分立).
    const token = await passwordSignIn(ctx.app, testPassword, ctx.deps.clock)("auditor");
    const verify = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/trail/verify",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  }, 120_000);
});
