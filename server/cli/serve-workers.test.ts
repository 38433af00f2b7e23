import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../db/test-db";
import { stampName, webSourceHash } from "../../scripts/build/web-build.mjs";
import { main } from "./main";

/**
 * `safegrid serve --workers N`: refused on SQLite (one writer) and for a bad N; on PostgreSQL the real
 * process (`bin/safegrid.mjs`, as `npm start` runs it) forks two workers that share the port, both
 * answer, /metrics adds up every worker's counts, and SIGTERM stops them all.
 */
describe("serve --workers on SQLite and with a bad value", () => {
  const saved = { ...process.env };
  const errors: string[] = [];
  beforeAll(() => {
    process.env.DATABASE_URL = "";
    vi.spyOn(console, "error").mockImplementation((...a) => void errors.push(a.join(" ")));
  });
  afterAll(() => {
    process.env = saved;
    vi.restoreAllMocks();
  });

  it("refuses more than one worker on SQLite with a clear message, before opening anything", async () => {
    expect(await main(["serve", "--workers", "2"])).toBe(2);
    expect(errors.at(-1)).toMatch(/PostgreSQL/);
    expect(errors.at(-1)).toMatch(/SQLite/);
  });

  it("refuses a worker count that is not 1–64", async () => {
    for (const bad of ["0", "abc", "1.5", "65"]) {
      expect(await main(["serve", "--workers", bad])).toBe(2);
      expect(errors.at(-1)).toMatch(/--workers N/);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** One request on a new connection (no keep-alive: the cluster hands each connection to a worker). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; worker: string | undefined; body: string }>((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, worker: res.headers["x-safegrid-worker"] as string, body }),
        );
      })
      .on("error", reject);
  });
}

describe.runIf(!!process.env.TEST_DATABASE_URL)("serve --workers 2 on PostgreSQL", () => {
  const token = "cluster-metrics-token-0123";
  let dir: string;
  let child: ChildProcess;
  let output = "";
  let url = "";
  let exited: Promise<number | null>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-workers-"));
    const made = await createTestDatabase("postgres");
    await made.close();
    const db = new URL(process.env.TEST_DATABASE_URL!);
    db.searchParams.set("options", `-c search_path=${made.schema}`);
    const web = path.join(dir, "web");
    fs.mkdirSync(web, { recursive: true });
    fs.writeFileSync(path.join(web, "index.html"), "<!doctype html><title>SafeGrid</title>");
    fs.writeFileSync(path.join(web, stampName), JSON.stringify({ hash: webSourceHash(path.resolve(".")) }));
    const port = await freePort();
    child = spawn(process.execPath, ["bin/safegrid.mjs", "serve", "--workers", "2"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: db.toString(),
        SAFEGRID_DATA_DIR: path.join(dir, "data"),
        SAFEGRID_WEB_DIST: web,
        SAFEGRID_DEMO: "0",
        SAFEGRID_ADMIN_USER: "admin",
        SAFEGRID_ADMIN_PASSWORD: "Ops-Test-Pass-2026x",
        SAFEGRID_ARGON2_MEMORY_KIB: "1024",
        SAFEGRID_MIN_FREE_MB: "0",
        SAFEGRID_METRICS: `token:${token}`,
        // The test is about the workers: no load shedding on a busy test machine.
        SAFEGRID_MAX_EVENT_LOOP_DELAY_MS: "0",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    exited = new Promise((r) => child.once("exit", (code) => r(code)));
    url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 240_000;
    while (!output.includes("2 个工作进程")) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);
  afterAll(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers from two worker processes, /metrics adds up both, SIGTERM stops them all", async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await get(`${url}/api/health`));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const pids = new Set(answers.map((a) => a.worker));
    expect(pids.size).toBe(2);
    expect(pids.has(String(child.pid))).toBe(false);
    expect(pids.has(undefined)).toBe(false);

    expect((await get(`${url}/metrics`)).status).toBe(401);
    const metrics = await get(`${url}/metrics`, { authorization: `Bearer ${token}` });
    expect(metrics.status).toBe(200);
    // 20 health requests went to two processes: only the sum over both workers reaches 20.
    const health = metrics.body
      .split("\n")
      .filter((l) => l.startsWith("safegrid_http_requests_total{") && l.includes('route="/api/health"'))
      .reduce((n, l) => n + Number(l.split(" ").at(-1)), 0);
    expect(health).toBeGreaterThanOrEqual(20);
    expect(metrics.body).toContain("safegrid_db_pool_connections");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/exited .*starting another/);
  }, 120_000);
});
