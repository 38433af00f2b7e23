import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertDeliveries } from "../../db/queries/notification-delivery-queries";
import { buildApp } from "../app";
import { metricsAccess } from "../config";
import { eachApi } from "../test/api-harness";

/** Value of a metric line without labels, from the exposition. */
const metricValue = (text: string, name: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

it("SAFEGRID_METRICS: off by default, local, token with a secret of 16+ characters; anything else stops the start", () => {
  expect(metricsAccess(undefined)).toEqual({ mode: "off" });
  expect(metricsAccess("off")).toEqual({ mode: "off" });
  expect(metricsAccess("local")).toEqual({ mode: "local" });
  expect(metricsAccess("token:0123456789abcdef")).toEqual({ mode: "token", token: "0123456789abcdef" });
  expect(() => metricsAccess("token:short")).toThrow(/SAFEGRID_METRICS/);
  expect(() => metricsAccess("on")).toThrow(/SAFEGRID_METRICS/);
});

eachApi("/metrics: access setting, route patterns, backlog and pool", (ctx) => {
  const token = "metrics-secret-0123456789";
  let withToken: FastifyInstance;
  let local: FastifyInstance;
  beforeAll(async () => {
    withToken = await buildApp({
      ...ctx.deps,
      config: { ...ctx.deps.config, metrics: { mode: "token", token } },
    });
    local = await buildApp({ ...ctx.deps, config: { ...ctx.deps.config, metrics: { mode: "local" } } });
  });
  afterAll(async () => {
    await withToken?.close();
    await local?.close();
  });

  it("does not exist by default (not even from loopback)", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("safegrid_");
  });

  it("token: refuses a missing or wrong Bearer token, answers the right one", async () => {
    expect((await withToken.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
    const wrong = await withToken.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await withToken.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toMatch(/^text\/plain/);
    expect(ok.body).toContain("process_cpu_user_seconds_total");
  });

  it("local: answers loopback only, and never a request that came through a proxy", async () => {
    const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
      local.inject({ method: "GET", url: "/metrics", remoteAddress, headers });
    expect((await from("127.0.0.1")).statusCode).toBe(200);
    expect((await from("::1")).statusCode).toBe(200);
    expect((await from("203.0.113.5")).statusCode).toBe(404);
    expect((await from("10.0.0.8")).statusCode).toBe(404);
    expect((await from("127.0.0.1", { "x-forwarded-for": "203.0.113.5" })).statusCode).toBe(404);
    expect((await from("127.0.0.1", { forwarded: "for=203.0.113.5" })).statusCode).toBe(404);
  });

  it("counts requests by route pattern (never the raw URL) and reports the backlog, the trail and the pool", async () => {
    const bearer = `Bearer ${await ctx.token("county")}`;
    const caseId = "c0ffee00-0000-4000-8000-00000000beef";
    for (let i = 0; i < 3; i++)
      await local.inject({
        method: "GET",
        url: `/api/v1/cases/${caseId}`,
        headers: { authorization: bearer },
      });
    const at = ctx.deps.clock.now();
    const due = new Date(at.getTime() - 90_000).toISOString();
    await insertDeliveries(
      ctx.deps.db,
      [0, 1, 2].map((n) => ({
        channel: "webhook",
        kind: "case.reported",
        caseId: null,
        userId: null,
        webhookId: "metrics-hook",
        target: "https://example.test/hook",
        payload: JSON.stringify({ n }),
        status: "pending",
        attempts: 0,
        nextAttemptAt: due,
        createdAt: due,
      })),
    );
    const text = (await local.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" })).body;
    const line = text
      .split("\n")
      .find((l) => l.startsWith("safegrid_http_requests_total{") && l.includes('route="/api/v1/cases/:id"'));
    expect(line).toMatch(/method="GET"/);
    expect(Number(line!.split(" ").at(-1))).toBe(3);
    expect(text).not.toContain(caseId);
    expect(text).toContain(
      'safegrid_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/cases/:id"}',
    );
    expect(metricValue(text, "safegrid_delivery_pending")).toBeGreaterThanOrEqual(3);
    expect(metricValue(text, "safegrid_delivery_oldest_pending_seconds")).toBeGreaterThanOrEqual(90);
    expect(metricValue(text, "safegrid_trail_events")).toBeGreaterThan(0);
    expect(metricValue(text, "safegrid_deadline_job_lag_seconds")).toBeGreaterThanOrEqual(0);
    if (ctx.dialect === "postgres") {
      expect(metricValue(text, "safegrid_db_pool_connections")).toBeGreaterThan(0);
      expect(Number.isFinite(metricValue(text, "safegrid_db_pool_waiting"))).toBe(true);
    } else expect(text).not.toContain("safegrid_db_pool_connections");
    await ctx.deps.db.deleteFrom("notificationDelivery").where("webhookId", "=", "metrics-hook").execute();
  });
});
