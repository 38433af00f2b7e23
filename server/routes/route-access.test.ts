import Fastify from "fastify";
import { expect, it } from "vitest";
import { registerAuth } from "../http/auth-hook";
import { eachApi } from "../test/api-harness";

/** Fills a route's path parameters with plausible values from the test world. */
function fill(url: string) {
  return url
    .replace(/:code/g, "620123")
    .replace(/:id/g, "00000000-0000-4000-8000-000000000000")
    .replace(/:[a-zA-Z]+/g, "x");
}

/**
 * Registration and the unauthenticated side of every route. The full route × role × scope walk with real
 * rows and expected statuses from the access table is access-matrix.test.ts.
 */
eachApi("every route × every role", (ctx) => {
  it("declares access and a policy on every API route", () => {
    const api = ctx.app.routeTable;
    expect(api.length).toBeGreaterThan(15);
    for (const r of api) {
      expect(["public", "signed_in"], `${r.method} ${r.url}`).toContain(r.access);
      if (r.access === "signed_in") expect(typeof r.policy, `${r.method} ${r.url}`).toBe("function");
    }
    const publicRoutes = api.filter((r) => r.access === "public").map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(
      [
        "GET /api/health",
        "GET /api/health/ready",
        "GET /api/openapi.json",
        "POST /api/v1/auth/login",
        "GET /api/v1/public/tips/challenge",
        "GET /api/v1/public/tips/form",
        "POST /api/v1/public/tips",
        "POST /api/v1/public/tips/messages",
        "POST /api/v1/public/tips/not-fixed",
        "POST /api/v1/public/tips/track",
        // 12345 and other platforms: no session, the platform's own key (tip-channels.test.ts)
        "POST /api/v1/intake/work-orders",
      ].sort(),
    );
  });

  it("/metrics (outside /api, so not in the table above) does not exist by default", async () => {
    // The table above holds /api routes only; /metrics is declared public and checks SAFEGRID_METRICS
    // itself (server/routes/metrics-routes.test.ts): off by default, so nothing answers here.
    const res = await ctx.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("safegrid_");
  });

  it("documents every API route in the OpenAPI description with its schemas", async () => {
    const doc = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.0.3");
    for (const r of ctx.app.routeTable.filter((x) => x.url !== "/api/openapi.json")) {
      const path = r.url.replace(/:([a-zA-Z]+)/g, "{$1}");
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op.summary, `${r.method} ${r.url} summary`).toBeTruthy();
    }
  });

  it("answers 401 to every signed-in route called without a session", async () => {
    for (const r of ctx.app.routeTable.filter((x) => x.access === "signed_in")) {
      const res = await ctx.app.inject({
        method: r.method as "GET",
        url: fill(r.url),
        payload: r.method === "GET" ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  }, 120_000);

  it("refuses to register a signed-in route whose policy is a label or missing", async () => {
    for (const policy of ["casePolicy.read", undefined]) {
      const app = Fastify();
      registerAuth(app, ctx.deps);
      expect(
        () =>
          app.get(
            "/api/v1/x",
            { config: { access: "signed_in", policy: policy as never } },
            async () => ({}),
          ),
        String(policy),
      ).toThrow(/declares no policy function/);
      await app.close();
    }
  });

  it("hides another county's users and departments (404), and lists only the actor's own", async () => {
    const otherUser = ctx.users.other_county.id;
    expect((await ctx.as("county", { method: "GET", url: `/api/v1/users/${otherUser}` })).statusCode).toBe(
      404,
    );
    const patch = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/users/${otherUser}`,
      payload: { displayName: "改名" },
    });
    expect(patch.statusCode).toBe(404);
    const otherDep = ctx.departments["620102"].market;
    const depPatch = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/departments/${otherDep}`,
      payload: { name: "改名部门" },
    });
    expect(depPatch.statusCode).toBe(404);
    const list = (await ctx.as("county", { method: "GET", url: "/api/v1/users?pageSize=200" })).json();
    expect(list.items.length).toBeGreaterThan(3);
    expect(list.items.every((u: { scope: string[] }) => u.scope.every((s) => s.startsWith("620123")))).toBe(
      true,
    );
    const deps = (await ctx.as("county", { method: "GET", url: "/api/v1/departments?region=620102" })).json();
    expect(deps.items).toEqual([]);
    const province = (
      await ctx.as("province", { method: "GET", url: "/api/v1/departments?region=620102" })
    ).json();
    expect(province.items.length).toBeGreaterThan(10);
  });

  it("lets every signed-in role read the region tree (public reference data)", async () => {
    for (const u of Object.values(ctx.users)) {
      const res = await ctx.as(u.username, { method: "GET", url: "/api/v1/regions/620102" });
      expect(res.statusCode, u.username).toBe(200);
      expect(res.json().region.name).toBe("城关区");
    }
  });

  it("refuses a grid worker's attempt to manage users or departments", async () => {
    const create = await ctx.as("worker", {
      method: "POST",
      url: "/api/v1/users",
      payload: {
        username: "sneaky",
        displayName: "x",
        role: "system_admin",
        scope: ["62"],
        password: "Very-Long-Pass-2026",
      },
    });
    expect(create.statusCode).toBe(403);
    const dep = await ctx.as("worker", {
      method: "POST",
      url: "/api/v1/departments",
      payload: { regionCode: "620123", name: "新部门局", kind: "water" },
    });
    expect(dep.statusCode).toBe(403);
  });
});
