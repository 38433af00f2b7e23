import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, siteBody, square } from "./grid-test-fixtures";

/** Bodies valid enough to get past schema checks, so the answer shows the jurisdiction check itself. */
const bodies: Record<string, Record<string, unknown>> = {
  "PATCH /api/v1/grids/:id": { version: 1, name: "越权改名" },
  "PUT /api/v1/grids/:id/workers": { workers: [] },
  "POST /api/v1/grids/:id/split-preview": { parts: 2 },
  "POST /api/v1/grids/:id/split": {
    version: 1,
    pieces: [1, 2].map((k) => ({
      name: `块${k}`,
      geometry: { type: "Polygon", coordinates: [square(104 + k / 100, 35.8, 104.01 + k / 100, 35.81)] },
    })),
  },
  "PATCH /api/v1/sites/:id": { version: 1, name: "越权改名" },
  "POST /api/v1/sites/:id/assignment": { version: 1, reason: "越权调整", gridId: null },
};

eachApi("grids and sites × another county", (ctx) => {
  it("answers 404 on every grid and site route for a grid or site of another county, and lists none of them", async () => {
    const grids = await createFixtureGrids(ctx);
    const site = (
      await ctx.as("county", {
        method: "POST",
        url: "/api/v1/sites",
        payload: siteBody({ uscc: null, kind: "small_shop", industryCode: "5211" }),
      })
    ).json();
    const routes = ctx.app.routeTable.filter((r) => /^\/api\/v1\/(grids|sites)\/:id/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const r of routes) {
      const id = r.url.startsWith("/api/v1/grids") ? grids.A.id : site.id;
      const key = `${r.method} ${r.url}`;
      const payload = r.method === "GET" ? undefined : (bodies[key] ?? {});
      for (const user of ["other_county", "other_lead"]) {
        const res = await ctx.as(user, { method: r.method as "GET", url: r.url.replace(":id", id), payload });
        expect(res.statusCode, `${user} ${key}: ${res.body.slice(0, 120)}`).toBe(404);
      }
    }
    // nothing changed
    expect(
      (await ctx.as("county", { method: "GET", url: `/api/v1/grids/${grids.A.id}` })).json(),
    ).toMatchObject({ version: 1, workerCount: 0 });
    expect((await ctx.as("county", { method: "GET", url: `/api/v1/sites/${site.id}` })).json()).toMatchObject(
      { version: 1 },
    );
    // and the lists, map and coverage of the other county show none of it
    for (const url of [
      "/api/v1/grids",
      "/api/v1/sites",
      "/api/v1/grid-workers",
      "/api/v1/coverage/rows?metric=grids_without_worker",
    ]) {
      const res = (await ctx.as("other_county", { method: "GET", url })).json();
      expect(res.total, url).toBe(0);
    }
    const merge = await ctx.as("other_county", {
      method: "POST",
      url: "/api/v1/grids/merge",
      payload: { ids: [grids.A.id, grids.B.id], name: "x" },
    });
    expect(merge.statusCode).toBe(404);
    const problems = await ctx.as("other_county", {
      method: "GET",
      url: "/api/v1/grids/problems?region=620123",
    });
    expect(problems.statusCode).toBe(404);
  });
});
