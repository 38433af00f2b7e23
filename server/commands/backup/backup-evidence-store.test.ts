import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../db/db";
import { migrateToLatest } from "../../../db/migrate";
import { openSqliteFile, sqliteFile } from "../../../db/sqlite-backup";
import type { Actor } from "../../../domain/auth/actor";
import { DatabaseEvidenceStore } from "../../storage/database-evidence-store";
import { loadTestRegions, seedTestWorld, testDeps } from "../../test/fixtures";
import { uploadEvidence } from "../cases/upload-evidence";
import { createBackup } from "./create-backup";
import { restoreBackup } from "./restore-backup";

/**
 * `safegrid backup` / `restore` with the database evidence store on SQLite: the files travel inside
 * `safegrid.db` (no `evidence/` copies), and restore checks the configured store, not a directory.
 */
describe("backup and restore with the database evidence store [sqlite]", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-backup-store-"));
  const live = path.join(root, "live");
  const backupDir = path.join(root, "backup");
  let database: Database;
  let deps: ReturnType<typeof testDeps>;
  let worker: Actor;

  beforeAll(async () => {
    database = openDatabase({ dataDir: live });
    await migrateToLatest(database);
    await loadTestRegions(database);
    deps = testDeps(database);
    deps.config = { ...deps.config, dataDir: live, evidence: { store: "database", s3: null } };
    const u = (await seedTestWorld(deps)).users.worker;
    worker = {
      id: u.id,
      username: u.username,
      displayName: u.username,
      role: u.role,
      scope: u.scope,
      departmentId: u.departmentId,
    };
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("keeps the files in the database copy, and the restore finds every one in the restored database", async () => {
    const data = Buffer.from(`%PDF-1.4\n${randomUUID()}\n`);
    const [row] = await uploadEvidence(deps, worker, [{ fileName: "a.pdf", data }]);
    expect(fs.existsSync(path.join(live, "evidence"))).toBe(false);

    const manifest = await createBackup(deps, backupDir);
    expect(manifest.files.map((f) => f.path)).toEqual(["safegrid.db"]);

    const restored = path.join(root, "restored");
    const report = await restoreBackup({ ...deps.config, dataDir: restored }, backupDir);
    expect(report.against.problems).toEqual([]);
    expect(report.against.ok).toBe(true);
    const copy = openSqliteFile(sqliteFile(restored));
    try {
      expect((await new DatabaseEvidenceStore(copy.db).get(row.sha256))?.equals(data)).toBe(true);
    } finally {
      await copy.close();
    }

    // Restored with the local store configured instead, the same backup lacks the file: named, exit 1.
    const elsewhere = path.join(root, "restored-local");
    const local = await restoreBackup(
      { ...deps.config, dataDir: elsewhere, evidence: { store: "local", s3: null } },
      backupDir,
    );
    expect(local.against.ok).toBe(false);
    expect(local.against.problems.join("\n")).toContain(row.sha256);
  });
});
