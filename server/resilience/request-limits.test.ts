import net from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { createTestDatabase } from "../../db/test-db";
import { buildApp } from "../app";
import { testDeps } from "../test/fixtures";

/**
 * Limits that do not depend on the database: the request deadline, load shedding while the event loop
 * lags, and the HTTP server's timeouts against a client that sends its headers byte by byte.
 */
describe("request limits [sqlite]", () => {
  let database: Database;
  let app: FastifyInstance;
  let releaseSlow: () => void = () => {};
  const slow = new Promise<void>((r) => {
    releaseSlow = r;
  });

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const deps = testDeps(database);
    deps.config.resilience = {
      ...deps.config.resilience,
      requestDeadlineMs: 300,
      headersTimeoutMs: 400,
      requestTimeoutMs: 2_000,
      keepAliveTimeoutMs: 700,
      connectionTimeoutMs: 5_000,
      maxEventLoopDelayMs: 100,
      retryAfterSeconds: 7,
    };
    app = await buildApp(deps);
    // A handler that never finishes by itself (a stall no database timeout catches).
    app.get("/api/test/stalled", { config: { access: "public" } }, async () => {
      await slow;
      return { late: true };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    releaseSlow();
    await app?.close();
    await database?.close();
  });

  it("answers 503 request_timeout with Retry-After when a handler passes the deadline", async () => {
    const started = performance.now();
    const res = await app.inject({ method: "GET", url: "/api/test/stalled" });
    const took = performance.now() - started;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: "request_timeout", message: "服务器处理超时，请稍后重试" });
    expect(res.headers["retry-after"]).toBe("7");
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3_000);
  });

  it("sets the configured server timeouts", () => {
    expect(app.server.headersTimeout).toBe(400);
    expect(app.server.requestTimeout).toBe(2_000);
    expect(app.server.keepAliveTimeout).toBe(700);
    expect(app.server.timeout).toBe(5_000);
  });

  it("closes a client that sends its headers byte by byte once the headers timeout passes", async () => {
    const { port } = app.server.address() as net.AddressInfo;
    const socket = net.connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const started = performance.now();
    const request =
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let answer = "";
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("error", () => {});
    const closed = new Promise<number>((r) => socket.once("close", () => r(performance.now() - started)));
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < request.length && !socket.destroyed) socket.write(request[sent++]);
    }, 50);
    const after = await closed;
    clearInterval(drip);
    console.log(
      `slow client closed after ${Math.round(after)} ms having sent ${sent} of ${request.length} bytes`,
    );
    // The whole request would take ~5 s at this pace; the server gives up after the 400 ms headers timeout.
    expect(sent).toBeLessThan(request.length);
    expect(after).toBeLessThan(3_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("sheds load with 503 overloaded while the event loop lags, but still answers health", async () => {
    // Keep the event loop lagging (400 ms busy turns) for longer than one sampling interval (1 s).
    for (let turn = 0; turn < 6; turn++) {
      const until = performance.now() + 400;
      while (performance.now() < until) {
        /* busy */
      }
      await new Promise((r) => setImmediate(r));
    }
    const api = await app.inject({ method: "GET", url: "/api/openapi.json" });
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(api.statusCode, api.body).toBe(503);
    expect(api.json()).toMatchObject({ code: "overloaded", message: "服务器繁忙，请稍后重试" });
    expect(api.headers["retry-after"]).toBe("7");
    expect(health.statusCode).toBe(200);
  });
});
