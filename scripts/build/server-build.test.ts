import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../test/e2e/e2e-harness";
import { buildServer, newestSourceMtime, serverBuildIsStale } from "./server-build.mjs";
import { stampName, webSourceHash } from "./web-build.mjs";

const root = path.resolve(".");

function touch(file: string, seconds: number, text = "") {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.utimesSync(file, seconds, seconds);
}

describe("server staleness check", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-stale-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("rebuilds when the bundle is missing or a source in server/, db/ or domain/ is newer", () => {
    touch(path.join(dir, "server/cli/main.ts"), 1_000);
    touch(path.join(dir, "domain/rules/rule.ts"), 1_100);
    expect(serverBuildIsStale(dir, "dist/safegrid.mjs")).toBe(true);
    touch(path.join(dir, "dist/safegrid.mjs"), 2_000);
    expect(serverBuildIsStale(dir, "dist/safegrid.mjs")).toBe(false);
    // tests and data files are not part of the bundle
    touch(path.join(dir, "db/queries/x.test.ts"), 3_000);
    touch(path.join(dir, "db/data/regions/62.json"), 3_000);
    expect(serverBuildIsStale(dir, "dist/safegrid.mjs")).toBe(false);
    touch(path.join(dir, "db/queries/case-queries.ts"), 2_500);
    expect(newestSourceMtime(dir)).toBe(2_500_000);
    expect(serverBuildIsStale(dir, "dist/safegrid.mjs")).toBe(true);
  });
});

/** The built entry, started the way bin/safegrid.mjs and the e2e harness start it. */
describe("compiled server (dist)", () => {
  const outDir = fs.mkdtempSync(path.join(root, ".vitest-dist-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-dist-"));
  const webDist = path.join(dataDir, "web");
  let child: ChildProcess | undefined;
  let output = "";
  let url = "";

  beforeAll(async () => {
    const entry = await buildServer(root, path.relative(root, path.join(outDir, "safegrid.mjs")));
    // A console build whose stamp matches the sources: the start must not run vite.
    fs.mkdirSync(webDist);
    fs.writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>SafeGrid</title>");
    fs.writeFileSync(path.join(webDist, stampName), JSON.stringify({ hash: webSourceHash(root) }));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--enable-source-maps", entry, "serve"], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: "",
        SAFEGRID_DATA_DIR: dataDir,
        SAFEGRID_WEB_DIST: webDist,
        SAFEGRID_DEMO: "0",
        SAFEGRID_ADMIN_USER: "distadmin",
        SAFEGRID_ADMIN_PASSWORD: "Kestrel-Harbor-7731x",
        SAFEGRID_LOG_FILE: path.join(dataDir, "logs/requests.json"),
        SAFEGRID_LOG_FORMAT: "",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`dist server exited:\n${output}`);
      const res = await fetch(`${url}/api/health`).catch(() => undefined);
      if (res?.ok) break;
      if (attempt > 400) throw new Error(`dist server did not answer:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers /api/health and signs the configured administrator in", async () => {
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: "sqlite" });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "distadmin", password: "Kestrel-Harbor-7731x" }),
    });
    expect(login.status).toBe(200);
    expect(output).toContain("已创建系统管理员 distadmin");
    expect(output).not.toContain("vite build");
  });

  it("prints a short line per failing request on the terminal and full JSON to the log file", async () => {
    for (let i = 0; i < 20; i++) expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/no-such-route`)).status).toBe(404);
    for (let attempt = 0; !output.includes("no-such-route 404") && attempt < 100; attempt++)
      await new Promise((r) => setTimeout(r, 50));
    const terminal = output.split("\n").filter(Boolean);
    expect(terminal.filter((l) => l.startsWith("{"))).toEqual([]);
    expect(terminal.filter((l) => l.includes("/api/health"))).toEqual([]);
    expect(terminal.filter((l) => l.includes("GET /api/v1/no-such-route 404"))).toHaveLength(1);
    const file = fs.readFileSync(path.join(dataDir, "logs/requests.json"), "utf8").trim().split("\n");
    const records = file.map((l) => JSON.parse(l));
    expect(records.filter((r) => r.req?.url === "/api/health").length).toBeGreaterThanOrEqual(21);
    expect(records.some((r) => r.res?.statusCode === 404)).toBe(true);
  });
});
