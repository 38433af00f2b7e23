import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect } from "../../db/db";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { stampName, webSourceHash } from "../../scripts/build/web-build.mjs";

/**
 * The real server process (`bin/safegrid.mjs serve`, as `npm start` runs it) on a free port: it survives
 * the termination of its PostgreSQL sessions and answers again without a restart, and SIGTERM lets a
 * request in flight finish before the process exits with 0.
 */
const adminPassword = "Ops-Test-Pass-2026x";

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

interface Server {
  child: ChildProcess;
  url: string;
  port: number;
  appName: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(dialect: Dialect, dir: string): Promise<Server> {
  const port = await freePort();
  const appName = `sg-serve-${randomUUID().slice(0, 8)}`;
  let databaseUrl = "";
  if (dialect === "postgres") {
    const made = await createTestDatabase("postgres");
    await made.close();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("options", `-c search_path=${made.schema}`);
    databaseUrl = url.toString();
  }
  const web = path.join(dir, "web");
  fs.mkdirSync(web, { recursive: true });
  fs.writeFileSync(path.join(web, "index.html"), "<!doctype html><title>SafeGrid</title>");
  // A console build whose stamp matches the sources: the start does not run vite.
  fs.writeFileSync(path.join(web, stampName), JSON.stringify({ hash: webSourceHash(path.resolve(".")) }));
  let output = "";
  const child = spawn(process.execPath, ["bin/safegrid.mjs", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SAFEGRID_DATA_DIR: path.join(dir, "data"),
      SAFEGRID_WEB_DIST: web,
      SAFEGRID_DEMO: "0",
      SAFEGRID_ADMIN_USER: "admin",
      SAFEGRID_ADMIN_PASSWORD: adminPassword,
      SAFEGRID_ARGON2_MEMORY_KIB: "1024",
      SAFEGRID_DB_APPLICATION_NAME: appName,
      SAFEGRID_MIN_FREE_MB: "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url, port, appName, output: () => output, exited };
}

const login = (url: string) =>
  fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: adminPassword }),
  });

for (const dialect of testDialects()) {
  describe(`the server process [${dialect}]`, () => {
    let dir: string;
    let server: Server;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-serve-"));
      server = await startServer(dialect, dir);
    }, 300_000);
    afterAll(() => {
      if (server?.child.exitCode === null) server.child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it.runIf(dialect === "postgres")(
      "keeps running when its database sessions are terminated and answers again",
      async () => {
        expect((await login(server.url)).status).toBe(200);
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        const kill = () =>
          admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid() and application_name = $1`,
            [server.appName],
          );
        const { rowCount } = await kill();
        expect(rowCount).toBeGreaterThan(0);
        // Requests in flight while sessions are terminated again: 200 or 503, never a dead process.
        const during = await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            if (i === 3) await kill();
            return (await login(server.url)).status;
          }),
        );
        await admin.end();
        console.log(`terminated ${rowCount} sessions, then logins answered ${during.join(" ")}`);
        for (const status of during) expect([200, 503]).toContain(status);
        expect(server.child.exitCode).toBeNull();
        expect((await login(server.url)).status).toBe(200);
        expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
        expect(server.output()).not.toContain("Unhandled 'error' event");
      },
      60_000,
    );

    it("finishes a request in flight on SIGTERM, then exits with 0", async () => {
      const body = JSON.stringify({ username: "admin", password: adminPassword });
      const socket = net.connect(server.port, "127.0.0.1");
      await new Promise((r) => socket.once("connect", r));
      let answer = "";
      socket.on("data", (d) => {
        answer += d;
      });
      // Headers and half the body, then SIGTERM while the request is still arriving.
      socket.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((r) => setTimeout(r, 200));
      server.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      expect(server.child.exitCode).toBeNull();
      // A new connection is no longer accepted.
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      socket.write(body.slice(10));
      const started = performance.now();
      const code = await server.exited;
      console.log(
        `[${dialect}] exited ${Math.round(performance.now() - started)} ms after the request completed`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer).toContain('"token"');
      expect(code).toBe(0);
      expect(server.output()).toContain("已停止");
      socket.destroy();
    }, 60_000);
  });
}
