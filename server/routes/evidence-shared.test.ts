import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { buildApp } from "../app";
import type { Deps } from "../deps";
import { DatabaseEvidenceStore } from "../storage/database-evidence-store";
import type { EvidenceSettings } from "../storage/evidence-settings";
import { startS3rver } from "../storage/s3rver-for-tests";
import { eachApi } from "../test/api-harness";
import { act, caseAt, jpegBytes, multipart, reportBody } from "./case-test-kit";

/**
 * Two servers on one database (on PostgreSQL each with its own connection pool on the test schema, as two
 * processes): evidence uploaded through one is served and referenced through the other when the store is
 * shared (the database, an S3 bucket), and refused with `evidence_missing` when each has its own directory.
 */
eachApi("evidence shared by two servers", (ctx) => {
  let second: Database;
  let depsB: Deps;
  let appB: FastifyInstance;
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  const dirs = [
    fs.mkdtempSync(path.join(os.tmpdir(), "sg-a-")),
    fs.mkdtempSync(path.join(os.tmpdir(), "sg-b-")),
  ];

  beforeAll(async () => {
    s3 = await startS3rver();
    second =
      ctx.dialect === "postgres"
        ? openDatabase({ url: process.env.TEST_DATABASE_URL, schema: ctx.database.schema, poolSize: 3 })
        : ctx.database;
    depsB = { ...ctx.deps, db: second.db, config: { ...ctx.deps.config } };
    appB = await buildApp(depsB);
  });
  afterAll(async () => {
    await appB?.close();
    if (second && second !== ctx.database) await second.close();
    await s3?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const use = (evidence: EvidenceSettings, separateDirs = false) => {
    ctx.deps.config.evidence = evidence;
    depsB.config.evidence = evidence;
    ctx.deps.config.dataDir = dirs[0];
    depsB.config.dataDir = separateDirs ? dirs[1] : dirs[0];
  };
  const inject = async (app: FastifyInstance, username: string, opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { ...(opts.headers ?? {}), authorization: `Bearer ${await ctx.token(username)}` },
    });
  const uploadVia = async (app: FastifyInstance) => {
    const data = Buffer.concat([jpegBytes, Buffer.from(randomUUID())]);
    const res = await inject(app, "worker", {
      method: "POST",
      url: "/api/v1/evidence",
      ...multipart([{ name: "现场.jpg", data }]),
    });
    expect(res.statusCode, res.body).toBe(201);
    return { data, ...(res.json().items[0] as { id: string; sha256: string; url: string }) };
  };
  const reportVia = (app: FastifyInstance, evidenceIds: string[]) =>
    inject(app, "worker", { method: "POST", url: "/api/v1/cases", payload: reportBody({ evidenceIds }) });

  const sharedBy = (label: string, settings: () => EvidenceSettings) =>
    it(`${label}: a photo uploaded through one server is served and referenced through the other`, async () => {
      use(settings());
      const up = await uploadVia(ctx.app);
      const got = await inject(appB, "worker", { method: "GET", url: up.url });
      expect(got.statusCode, got.body).toBe(200);
      expect(got.headers["x-content-sha256"]).toBe(up.sha256);
      expect(got.rawPayload.equals(up.data)).toBe(true);
      const reported = await reportVia(appB, [up.id]);
      expect(reported.statusCode, reported.body).toBe(201);
      // And the other way round: uploaded through the second, read through the first.
      const back = await uploadVia(appB);
      const read = await inject(ctx.app, "worker", { method: "GET", url: back.url });
      expect(read.statusCode).toBe(200);
      expect(read.rawPayload.equals(back.data)).toBe(true);
      // Nothing went to either process's own directory.
      expect(fs.readdirSync(dirs[0])).toEqual([]);
    });

  sharedBy("database store", () => ({ store: "database", s3: null }));
  sharedBy("S3 store (s3rver)", () => ({ store: "s3", s3: s3.settings }));

  it("own directories (the old behaviour): the other server answers 404 and refuses the case with 422 evidence_missing", async () => {
    use({ store: "local", s3: null }, true);
    const up = await uploadVia(ctx.app);
    expect((await inject(appB, "worker", { method: "GET", url: up.url })).statusCode).toBe(404);
    const refused = await reportVia(appB, [up.id]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "evidence_missing", details: { evidenceId: up.id } });
    expect(refused.json().message).toContain("证据存储");
    // Through the server that holds the file the same case is accepted.
    expect((await reportVia(ctx.app, [up.id])).statusCode).toBe(201);
  });

  it("an action (feedback) that references evidence whose file is gone is refused with evidence_missing; the case stays", async () => {
    use({ store: "database", s3: null });
    const id = await caseAt(ctx, "handling");
    const data = Buffer.concat([jpegBytes, Buffer.from(randomUUID())]);
    const up = await inject(ctx.app, "market", {
      method: "POST",
      url: "/api/v1/evidence",
      ...multipart([{ name: "整改.jpg", data }]),
    });
    const ev = up.json().items[0] as { id: string; sha256: string };
    await new DatabaseEvidenceStore(ctx.database.db).delete(ev.sha256);
    const res = await act(ctx, "market", id, "feedback", {
      result: "fixed",
      note: "已整改",
      evidenceIds: [ev.id],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("evidence_missing");
    const kase = await inject(ctx.app, "lead", { method: "GET", url: `/api/v1/cases/${id}` });
    expect(kase.json().case.stage).toBe("handling");
  });

  it("an unreachable S3 store answers 503 evidence_store_unavailable with Retry-After, and no evidence row is written", async () => {
    const gone = await startS3rver();
    await gone.close();
    use({ store: "s3", s3: gone.settings });
    const before = await ctx.database.db
      .selectFrom("evidence")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const data = Buffer.concat([jpegBytes, Buffer.from(randomUUID())]);
    const res = await inject(ctx.app, "worker", {
      method: "POST",
      url: "/api/v1/evidence",
      ...multipart([{ name: "p.jpg", data }]),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBeDefined();
    expect(res.json()).toMatchObject({
      code: "evidence_store_unavailable",
      message: expect.stringContaining("证据存储"),
    });
    const after = await ctx.database.db
      .selectFrom("evidence")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
