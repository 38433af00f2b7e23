import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { createTestDatabase } from "../../db/test-db";
import { stampName, webSourceHash } from "../../scripts/build/web-build.mjs";
import { jpegBytes, multipart, reportBody } from "../routes/case-test-kit";
import { loadTestRegions, seedTestWorld, testDeps, testPassword } from "../test/fixtures";
import { startS3rver } from "./s3rver-for-tests";

/**
 * Two real server processes (`bin/safegrid.mjs serve`, each with its own data directory) on one
 * PostgreSQL schema: with nothing configured (the database store is the default with DATABASE_URL), and
 * with an S3 bucket (s3rver), a photo uploaded through one is downloaded and referenced through the other.
 */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

async function start(dir: string, databaseUrl: string, env: Record<string, string>) {
  const port = await freePort();
  const web = path.join(dir, "web");
  fs.mkdirSync(web, { recursive: true });
  fs.writeFileSync(path.join(web, "index.html"), "<!doctype html><title>SafeGrid</title>");
  fs.writeFileSync(path.join(web, stampName), JSON.stringify({ hash: webSourceHash(path.resolve(".")) }));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["bin/safegrid.mjs", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SAFEGRID_DATA_DIR: path.join(dir, "data"),
      SAFEGRID_WEB_DIST: web,
      SAFEGRID_DEMO: "0",
      SAFEGRID_ARGON2_MEMORY_KIB: "1024",
      SAFEGRID_MIN_FREE_MB: "0",
      SAFEGRID_EVIDENCE_STORE: "",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 240_000; ; ) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > until) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  return { url, stop, output: () => output };
}

describe.runIf(!!process.env.TEST_DATABASE_URL)("two server processes share evidence [postgres]", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-two-"));
  let database: Database;
  let databaseUrl = "";
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    await loadTestRegions(database);
    await seedTestWorld(testDeps(database));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("options", `-c search_path=${database.schema}`);
    databaseUrl = url.toString();
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await database?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function shareThrough(name: string, env: Record<string, string>) {
    const a = await start(path.join(root, `${name}-a`), databaseUrl, env);
    stops.push(a.stop);
    const b = await start(path.join(root, `${name}-b`), databaseUrl, env);
    stops.push(b.stop);
    const signIn = await fetch(`${a.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "worker", password: testPassword }),
    });
    expect(signIn.status).toBe(200);
    const auth = { authorization: `Bearer ${(await signIn.json()).token}` };
    const data = Buffer.concat([jpegBytes, Buffer.from(`${name} ${Math.random()}`)]);
    const body = multipart([{ name: "现场.jpg", data }]);
    const up = await fetch(`${a.url}/api/v1/evidence`, {
      method: "POST",
      headers: { ...auth, ...body.headers },
      body: body.payload,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const item = (await up.json()).items[0] as { id: string; url: string };
    const got = await fetch(`${b.url}${item.url}`, { headers: auth });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);
    const reported = await fetch(`${b.url}/api/v1/cases`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(reportBody({ evidenceIds: [item.id] })),
    });
    expect(reported.status, await reported.clone().text()).toBe(201);
    // Neither process wrote the file into its own data directory.
    for (const dir of [`${name}-a`, `${name}-b`])
      expect(fs.existsSync(path.join(root, dir, "data", "evidence"))).toBe(false);
    await a.stop();
    await b.stop();
  }

  it("through the database, with nothing configured (the default with DATABASE_URL)", async () => {
    await shareThrough("database", {});
  }, 300_000);

  it("through an S3 bucket (s3rver)", async () => {
    const s3 = await startS3rver();
    try {
      await shareThrough("s3", {
        SAFEGRID_EVIDENCE_STORE: "s3",
        SAFEGRID_S3_ENDPOINT: s3.settings.endpoint!,
        SAFEGRID_S3_BUCKET: s3.settings.bucket,
        SAFEGRID_S3_ACCESS_KEY_ID: s3.settings.accessKeyId!,
        SAFEGRID_S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey!,
      });
      expect(fs.readdirSync(s3.directory).length).toBeGreaterThan(0);
    } finally {
      await s3.close();
    }
  }, 300_000);
});
