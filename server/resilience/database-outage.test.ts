import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Dialect, openDatabase } from "../../db/db";
import { migrateToLatest } from "../../db/migrate";
import { verifyTrail } from "../../db/queries/event-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { buildApp } from "../app";
import { reportBody } from "../routes/case-test-kit";
import { loadTestRegions, seedTestWorld, testDeps, testPassword } from "../test/fixtures";

/**
 * The database going away or stalling under a running app: PostgreSQL sessions terminated under load
 * (only this file's own sessions, found by their application_name), a lock held on the trail table by
 * another session, and on SQLite another writer holding the write lock. Requests answer 503
 * `database_unavailable` with Retry-After instead of hanging or crashing, and the same app recovers.
 */
const timeouts = {
  statementTimeoutMs: 2_000,
  lockTimeoutMs: 500,
  connectTimeoutMs: 2_000,
  requestDeadlineMs: 4_000,
};

interface Ctx {
  dialect: Dialect;
  database: Database;
  app: FastifyInstance;
  token: string;
  appName: string;
  file?: string;
  dir?: string;
}

async function open(dialect: Dialect, appName: string): Promise<Omit<Ctx, "app" | "token">> {
  if (dialect === "postgres") {
    const made = await createTestDatabase("postgres");
    const schema = made.schema;
    await made.close();
    const database = openDatabase({
      url: process.env.TEST_DATABASE_URL,
      schema,
      poolSize: 5,
      applicationName: appName,
      statementTimeoutMs: timeouts.statementTimeoutMs,
      lockTimeoutMs: timeouts.lockTimeoutMs,
      connectTimeoutMs: timeouts.connectTimeoutMs,
      onConnectionError: () => {},
    });
    return { dialect, database, appName };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-outage-"));
  const file = path.join(dir, "safegrid.db");
  const database = openDatabase({ file, busyTimeoutMs: 300 });
  await migrateToLatest(database);
  return { dialect, database, appName, file, dir };
}

for (const dialect of testDialects()) {
  describe(`the database going away or stalling [${dialect}]`, () => {
    const ctx = {} as Ctx;
    const report = (n: number) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: { authorization: `Bearer ${ctx.token}` },
        payload: reportBody({ description: `仓库消防通道被占用，第 ${n} 处` }),
      });
    const ready = () => ctx.app.inject({ method: "GET", url: "/api/health/ready" });

    beforeAll(async () => {
      Object.assign(ctx, await open(dialect, `sg-outage-${randomUUID().slice(0, 8)}`));
      await loadTestRegions(ctx.database);
      const deps = testDeps(ctx.database);
      deps.config.resilience = {
        ...deps.config.resilience,
        ...timeouts,
        readyTimeoutMs: 1_000,
        minFreeBytes: 0,
      };
      if (ctx.dir) deps.config.dataDir = ctx.dir;
      await seedTestWorld(deps);
      ctx.app = await buildApp(deps, { logger: !!process.env.DEBUG_OUTAGE });
      const login = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "worker", password: testPassword },
      });
      ctx.token = login.json().token;
    });
    afterAll(async () => {
      await ctx.app?.close();
      await ctx.database?.close();
      if (ctx.dir) fs.rmSync(ctx.dir, { recursive: true, force: true });
    });

    it.runIf(dialect === "postgres")(
      "answers 503 while its sessions are terminated under load, then recovers without a restart",
      async () => {
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        const statuses = new Map<number, number>();
        const acknowledged: string[] = [];
        let terminated = 0;
        let running = true;
        const load = async (worker: number) => {
          for (let i = 0; running; i++) {
            const res = await report(worker * 10_000 + i);
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode === 201) acknowledged.push(res.json().case.id);
            else if (res.statusCode === 503) {
              expect(res.json().code).toBe("database_unavailable");
              expect(res.json().message).toMatch(/数据库暂时不可用/);
              expect(res.headers["retry-after"]).toBe("5");
            }
          }
        };
        const workers = Array.from({ length: 12 }, (_, w) => load(w));
        // Terminate this app's sessions (its own application_name only) every 50 ms for 2 s.
        for (let round = 0; round < 40; round++) {
          const { rows } = await admin.query(
            `select pg_terminate_backend(pid) as gone from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid() and application_name = $1`,
            [ctx.appName],
          );
          terminated += rows.length;
          await new Promise((r) => setTimeout(r, 50));
        }
        running = false;
        await Promise.all(workers);
        await admin.end();
        console.log(`terminated ${terminated} sessions; statuses ${JSON.stringify([...statuses])}`);
        expect(terminated).toBeGreaterThan(0);
        expect([...statuses.keys()].sort()).toEqual([201, 503]);
        // Recovery: the same app, no restart.
        for (let i = 0; i < 5; i++) expect((await report(900_000 + i)).statusCode).toBe(201);
        // Ready again within seconds (its probes have deadlines of their own, which a loaded CI machine can
        // miss once); the body names the check that is not ready.
        await expect
          .poll(
            async () => {
              const r = await ready();
              return `${r.statusCode} ${r.body}`;
            },
            { timeout: 10_000 },
          )
          .toMatch(/^200 /);
        // Every acknowledged case is there, and the trail verifies.
        const found = await ctx.database.db
          .selectFrom("caseRecord")
          .select("id")
          .where("id", "in", acknowledged)
          .execute();
        expect(found.length).toBe(acknowledged.length);
        expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true });
      },
      60_000,
    );

    it("answers 503 within the deadline while another session holds the trail's lock, and ready says so", async () => {
      const release = await holdWriteLock(ctx);
      try {
        const started = performance.now();
        const res = await report(1);
        const took = performance.now() - started;
        console.log(`[${dialect}] stalled write answered ${res.statusCode} after ${Math.round(took)} ms`);
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json().code).toBe("database_unavailable");
        expect(res.headers["retry-after"]).toBeDefined();
        expect(took).toBeLessThan(timeouts.requestDeadlineMs);
        const r = await ready();
        expect(r.statusCode).toBe(503);
        expect(r.json().reasons[0]).toMatchObject({ check: "database", reason: "database_unavailable" });
        expect((await ctx.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      } finally {
        await release();
      }
      const after = await report(2);
      expect(after.statusCode, after.body).toBe(201);
      expect((await ready()).statusCode).toBe(200);
    });
  });
}

/** Another session takes the lock every case command needs; returns how to let it go. */
async function holdWriteLock(ctx: Ctx): Promise<() => Promise<void>> {
  if (ctx.dialect === "postgres") {
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    await other.query(`set search_path = ${ctx.database.schema}`);
    await other.query("begin");
    await other.query("lock table event in exclusive mode");
    return async () => {
      await other.query("rollback");
      await other.end();
    };
  }
  const other = new SQLite(ctx.file!);
  other.exec("begin immediate");
  return async () => {
    other.exec("rollback");
    other.close();
  };
}
