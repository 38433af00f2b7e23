import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { type Kysely, sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { migrateToLatest } from "../../db/migrate";
import { verifyTrail } from "../../db/queries/event-queries";
import type { DB } from "../../db/schema";
import { buildApp } from "../app";
import { jpegBytes, multipart, reportBody } from "../routes/case-test-kit";
import { loadTestRegions, seedTestWorld, testDeps, testPassword } from "../test/fixtures";

/**
 * A full disk on a small temporary data directory: SQLite's own SQLITE_FULL (the database file capped
 * with PRAGMA max_page_count) and ENOSPC from the file system (fs.writeFile wrapped to write half the file
 * and then fail, as a full disk does).
 */
describe("a full disk", () => {
  let dir: string;
  let database: Database;
  let app: FastifyInstance;
  let deps: ReturnType<typeof testDeps>;
  let token: string;
  let log = "";
  const db = () => database.db as Kysely<DB>;
  const cases = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from case_record`.execute(db())).rows[0].n);
  const report = (n: number) =>
    app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { authorization: `Bearer ${token}` },
      payload: reportBody({ description: `楼道堆放杂物第 ${n} 处，堵塞疏散通道` }),
    });
  const ready = () => app.inject({ method: "GET", url: "/api/health/ready" });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-full-disk-"));
    database = openDatabase({ file: path.join(dir, "safegrid.db") });
    await migrateToLatest(database);
    await loadTestRegions(database);
    deps = testDeps(database);
    deps.config.dataDir = dir;
    deps.config.resilience = { ...deps.config.resilience, minFreeBytes: 0 };
    await seedTestWorld(deps);
    const stream = new PassThrough();
    stream.on("data", (d) => {
      log += d;
    });
    app = await buildApp(deps, { logger: true, logStream: stream });
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "worker", password: testPassword },
    });
    token = login.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("answers 507 storage_full when SQLite is full, logs SQLITE_FULL, loses nothing acknowledged and recovers", async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await report(i);
      expect(res.statusCode).toBe(201);
      acknowledged.push(res.json().case.id);
    }
    expect((await ready()).statusCode).toBe(200);
    // Cap the file at its current size (SQLite raises a smaller cap to the current page count); the
    // free pages left inside it take a few more cases, each acknowledged one must survive.
    await sql.raw("pragma max_page_count = 1").execute(db());
    let first507 = -1;
    for (let i = 10; i < 200 && first507 < 0; i++) {
      const res = await report(i);
      if (res.statusCode === 201) acknowledged.push(res.json().case.id);
      else {
        expect(res.statusCode, res.body).toBe(507);
        first507 = i;
      }
    }
    expect(first507).toBeGreaterThan(0);
    const before = await cases();
    const full = await Promise.all([report(300), report(301), report(302)]);
    for (const res of full) {
      expect(res.statusCode, res.body).toBe(507);
      expect(res.json()).toMatchObject({
        code: "storage_full",
        message: expect.stringContaining("存储空间已满"),
      });
    }
    expect(log).toContain("SQLITE_FULL");
    expect(log).not.toContain("cannot rollback");
    expect(log).not.toContain("no such savepoint");
    const notReady = await ready();
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().reasons).toContainEqual({
      check: "database",
      reason: "storage_full",
      detail: "SQLITE_FULL",
    });
    expect(await cases()).toBe(before);

    await sql.raw("pragma max_page_count = 1073741823").execute(db());
    expect((await report(20)).statusCode).toBe(201);
    expect((await ready()).statusCode).toBe(200);
    for (const id of acknowledged)
      expect(
        (
          await app.inject({
            method: "GET",
            url: `/api/v1/cases/${id}`,
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(200);
    expect(await verifyTrail(db())).toMatchObject({ ok: true });
  });

  it("answers 507 to an evidence upload on ENOSPC and leaves no partial file behind", async () => {
    const realWrite = fsp.writeFile;
    vi.spyOn(fsp, "writeFile").mockImplementation(async (file, data, opts) => {
      // Half the file reaches the disk, then the disk is full.
      await realWrite(file, (data as Buffer).subarray(0, 4), opts as never);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
        code: "ENOSPC",
        errno: -28,
      });
    });
    const photo = Buffer.concat([jpegBytes, Buffer.from(`unique-${Date.now()}`)]);
    const body = multipart([{ name: "p.jpg", data: photo }]);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/evidence",
      headers: { authorization: `Bearer ${token}`, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(507);
    expect(res.json().code).toBe("storage_full");
    expect(log).toContain("ENOSPC");
    const evidenceDir = path.join(dir, "evidence");
    const left = fs.existsSync(evidenceDir) ? fs.readdirSync(evidenceDir) : [];
    expect(left).toEqual([]);

    const notReady = await ready();
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().reasons).toContainEqual({
      check: "disk",
      reason: "storage_full",
      detail: "ENOSPC",
    });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    vi.restoreAllMocks();
    expect((await ready()).statusCode).toBe(200);
  });

  it("reports the disk below the configured free space as not ready", async () => {
    deps.config.resilience = { ...deps.config.resilience, minFreeBytes: Number.MAX_SAFE_INTEGER };
    const res = await ready();
    deps.config.resilience = { ...deps.config.resilience, minFreeBytes: 0 };
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBeDefined();
    expect(res.json().reasons).toEqual([{ check: "disk", reason: "storage_full", detail: "low_space" }]);
  });
});
