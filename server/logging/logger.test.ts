import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../domain/errors";
import { loadConfig } from "../config";
import { registerErrorHandling } from "../http/errors";
import { createLineFormatter } from "./log-lines";
import { createLogger, type LogFormat } from "./logger";

async function serveSome(format: LogFormat, file?: string) {
  const lines: string[] = [];
  const terminal = { write: (chunk: string) => void lines.push(...chunk.split("\n").filter(Boolean)) };
  const logger: FastifyBaseLogger = createLogger({ level: "info", format, file }, terminal);
  const app = Fastify({ loggerInstance: logger });
  registerErrorHandling(app);
  app.get("/ok", async () => ({ ok: true }));
  app.get("/missing", async () => {
    throw new AppError("not_found");
  });
  app.get("/boom", async () => {
    throw new Error("disk on fire\nsecond line of the message");
  });
  for (let i = 0; i < 50; i++) await app.inject({ url: "/ok" });
  await app.inject({ url: "/missing" });
  await app.inject({ url: "/boom", headers: { authorization: "Bearer secret-token" } });
  await app.close();
  return lines;
}

describe("terminal log format", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-log-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("short: one line per failing request, none for the 50 that succeed, no JSON", async () => {
    const lines = await serveSome("short");
    expect(lines.filter((l) => l.trimStart().startsWith("{"))).toEqual([]);
    expect(lines.filter((l) => l.includes("/ok"))).toEqual([]);
    expect(lines.filter((l) => l.includes("GET /missing"))).toEqual([
      expect.stringMatching(/ WARN +GET \/missing 404 /),
    ]);
    const boom = lines.filter((l) => l.includes("GET /boom"));
    expect(boom).toHaveLength(1);
    expect(boom[0]).toMatch(/ERROR GET \/boom unexpected error: Error disk on fire ⏎ second line/);
    expect(lines.join("\n")).not.toContain("secret-token");
  });

  it("pretty: one readable line per request", async () => {
    const lines = await serveSome("pretty");
    expect(lines.filter((l) => l.includes("GET /ok 200"))).toHaveLength(50);
    expect(lines.filter((l) => l.includes("incoming request"))).toEqual([]);
    expect(lines.filter((l) => l.trimStart().startsWith("{"))).toEqual([]);
  });

  it("json and the log file carry every record as JSON, with secrets redacted", async () => {
    const file = path.join(dir, "nested/requests.json");
    const lines = await serveSome("json", file);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.filter((r) => r.msg === "request completed")).toHaveLength(52);
    const written = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(written).toHaveLength(lines.length);
    const incoming = written.map((l) => JSON.parse(l)).find((r) => r.req?.url === "/boom");
    expect(incoming.req.method).toBe("GET");
    expect(fs.readFileSync(file, "utf8")).not.toContain("secret-token");
  });

  it("keeps startup records and forgets requests that never completed", () => {
    const format = createLineFormatter("short");
    expect(format({ level: 30, time: 0, msg: "Server listening at http://127.0.0.1:3000" })).toBe(
      "08:00:00 INFO  Server listening at http://127.0.0.1:3000",
    );
    expect(
      format({ level: 30, time: 0, reqId: "r1", req: { method: "GET", url: "/x" }, msg: "incoming request" }),
    ).toBeNull();
    expect(format({ level: 30, time: 0, reqId: "r1", res: { statusCode: 503 }, responseTime: 2 })).toBe(
      "08:00:00 ERROR GET /x 503 2.0 ms",
    );
  });

  it("SAFEGRID_LOG_FORMAT is one of json, pretty, short (default short)", () => {
    expect(loadConfig({}).log).toEqual({ level: "info", format: "short", file: undefined });
    expect(loadConfig({ SAFEGRID_LOG_FORMAT: "json", LOG_LEVEL: "warn" }).log.format).toBe("json");
    expect(() => loadConfig({ SAFEGRID_LOG_FORMAT: "yaml" })).toThrow(/SAFEGRID_LOG_FORMAT=yaml/);
  });
});
