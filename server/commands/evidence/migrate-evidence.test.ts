import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Actor } from "../../../domain/auth/actor";
import { evidenceCommand } from "../../cli/evidence-cli";
import { DatabaseEvidenceStore } from "../../storage/database-evidence-store";
import { LocalEvidenceStore } from "../../storage/local-evidence-store";
import { S3EvidenceStore } from "../../storage/s3-evidence-store";
import { startS3rver } from "../../storage/s3rver-for-tests";
import { eachApi } from "../../test/api-harness";
import { uploadEvidence } from "../cases/upload-evidence";
import { migrateEvidence } from "./migrate-evidence";

/** `safegrid evidence migrate`: local → database → S3, verified by hash, repeatable, gaps reported. */
eachApi("evidence store migration", (ctx) => {
  let dir: string;
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-migrate-"));
    s3 = await startS3rver();
    ctx.deps.config.dataDir = dir;
    ctx.deps.config.evidence = { store: "local", s3: s3.settings };
  });
  afterAll(async () => {
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every referenced file to the database and then to S3, skips what is there, names what is lost", async () => {
    const u = ctx.users.worker;
    const worker: Actor = {
      id: u.id,
      username: u.username,
      displayName: u.username,
      role: u.role,
      scope: u.scope,
      departmentId: u.departmentId,
    };
    const files = [0, 1, 2].map((i) => ({
      fileName: `${i}.pdf`,
      data: Buffer.from(`%PDF-1.4\n${i} ${randomUUID()}\n`),
    }));
    const rows = await uploadEvidence(ctx.deps, worker, files);
    const local = LocalEvidenceStore.forDataDir(dir);
    // One file lost from the directory, one corrupted: neither may reach the new store.
    fs.rmSync(local.file(rows[2].sha256));
    fs.writeFileSync(local.file(rows[1].sha256), "%PDF-1.4\nother bytes\n");

    const first = await migrateEvidence(ctx.deps, "local", "database");
    expect(first).toMatchObject({ copied: 1, missing: [rows[2].sha256], corrupt: [rows[1].sha256] });
    const db = new DatabaseEvidenceStore(ctx.database.db);
    expect((await db.get(rows[0].sha256))?.equals(files[0].data)).toBe(true);
    expect(await db.has(rows[1].sha256)).toBe(false);

    // Repaired, then run again: only the repaired file is copied.
    fs.writeFileSync(local.file(rows[1].sha256), files[1].data);
    const again = await migrateEvidence(ctx.deps, "local", "database");
    expect(again).toMatchObject({ copied: 1, alreadyThere: 1, missing: [rows[2].sha256], corrupt: [] });

    const toS3 = await migrateEvidence(ctx.deps, "database", "s3");
    expect(toS3).toMatchObject({ copied: 2, missing: [rows[2].sha256] });
    expect((await new S3EvidenceStore(s3.settings).get(rows[1].sha256))?.equals(files[1].data)).toBe(true);
  });

  it("the command exits 1 while a file is missing, 0 once every file is in the target, and refuses a bad store name", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await evidenceCommand(ctx.deps, "migrate", ["--to", "database"])).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toContain("源存储中缺失");
      await ctx.database.db
        .deleteFrom("evidence")
        .where(
          "sha256",
          "not in",
          (await ctx.database.db.selectFrom("evidenceBlob").select("sha256").execute()).map((r) => r.sha256),
        )
        .execute();
      expect(await evidenceCommand(ctx.deps, "migrate", ["--to", "database"])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toContain("SAFEGRID_EVIDENCE_STORE=database");
      await expect(evidenceCommand(ctx.deps, "migrate", ["--to", "ftp"])).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(evidenceCommand(ctx.deps, "migrate", ["--to", "local"])).rejects.toMatchObject({
        code: "bad_request",
      });
    } finally {
      log.mockRestore();
    }
  });
});
