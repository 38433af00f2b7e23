import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { migrateToLatest } from "../../db/migrate";
import { buildApp } from "../app";
import { manifestSchema } from "../commands/backup/manifest";
import { report, upload } from "../routes/case-test-kit";
import type { ApiContext } from "../test/api-harness";
import { loadTestRegions, seedTestWorld, testDeps } from "../test/fixtures";
import { main } from "./main";

/**
 * `safegrid backup` / `restore` / `verify --against` on a SQLite file that a running server (the app
 * below, on its own connection) keeps writing to. The server's connection never checkpoints
 * (wal_autocheckpoint = 0), so the newest acknowledged cases live only in the write-ahead log, as after
 * the 73 cases a plain file copy lost in the fault experiment.
 */
describe("backup and restore under load [sqlite]", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-backup-"));
  const live = path.join(root, "live");
  const backupDir = path.join(root, "backup");
  const saved = { ...process.env };
  let out: string[] = [];
  let database: Database;
  let app: FastifyInstance;
  let ctx: ApiContext;

  const pointDataDirAt = (dir: string) => {
    process.env.SAFEGRID_DATA_DIR = dir;
  };
  const caseIds = (file: string) => {
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    const ids = new Set(
      (db.prepare("select id from case_record").all() as { id: string }[]).map((r) => r.id),
    );
    db.close();
    return ids;
  };

  beforeAll(async () => {
    Object.assign(process.env, { SAFEGRID_DEMO: "0", DATABASE_URL: "" });
    pointDataDirAt(live);
    vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a) => void out.push(a.join(" ")));
    database = openDatabase({ dataDir: live });
    await migrateToLatest(database);
    await loadTestRegions(database);
    const deps = testDeps(database);
    deps.config.dataDir = live;
    await seedTestWorld(deps);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    await sql`pragma wal_autocheckpoint = 0`.execute(database.db);
    app = await buildApp(deps);
    ctx = { app, deps } as unknown as ApiContext;
  });
  afterAll(async () => {
    process.env = saved;
    vi.restoreAllMocks();
    await app?.close();
    await database?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("backs up while cases are written, and the restore holds every case acknowledged before the backup", async () => {
    const acknowledged: string[] = [];
    let running = true;
    const writer = (async () => {
      for (let i = 0; running; i++) {
        const evidence =
          i % 5 === 0 ? [(await upload(ctx, "worker", Buffer.from(`%PDF-1.4\n${i}\n`))).id] : [];
        const res = await report(ctx, "worker", { evidenceIds: evidence, description: `液化气钢瓶 ${i}` });
        if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
        acknowledged.push(res.json().case.id);
      }
    })();
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
    const before = [...acknowledged];
    // The acknowledged cases are in the WAL only: the database file alone does not have them.
    expect(fs.statSync(path.join(live, "safegrid.db-wal")).size).toBeGreaterThan(0);
    const fileOnly = path.join(root, "file-only.db");
    fs.copyFileSync(path.join(live, "safegrid.db"), fileOnly);
    expect(caseIds(fileOnly).has(before[0])).toBe(false);

    expect(await main(["backup", backupDir])).toBe(0);
    const during = acknowledged.length - before.length;
    while (acknowledged.length < before.length + during + 10) await new Promise((r) => setTimeout(r, 5));
    running = false;
    await writer;
    expect(during).toBeGreaterThan(0); // cases were acknowledged while the backup ran

    const manifest = manifestSchema.parse(
      JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")),
    );
    expect(manifest.trail.verified).toBe(true);
    expect(manifest.tables.case_record).toBeGreaterThanOrEqual(before.length);
    expect(manifest.files.some((f) => f.path.startsWith("evidence/"))).toBe(true);

    const restored = path.join(root, "restored");
    pointDataDirAt(restored);
    out = [];
    expect(await main(["restore", backupDir])).toBe(0);
    expect(out.join("\n")).toContain("留痕头与备份清单一致");
    const ids = caseIds(path.join(restored, "safegrid.db"));
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.size).toBe(manifest.tables.case_record);
    for (const f of manifest.files.filter((f) => f.path.startsWith("evidence/")))
      expect(fs.existsSync(path.join(restored, f.path))).toBe(true);
    out = [];
    expect(await main(["verify", "--against", backupDir])).toBe(0);
    expect(out.join("\n")).toContain("包含备份清单的全部留痕");
  });

  it("a copy of the database file without its WAL is caught by verify --against, though plain verify passes", async () => {
    const copy = path.join(root, "file-copy");
    fs.mkdirSync(copy);
    expect(fs.statSync(path.join(live, "safegrid.db-wal")).size).toBeGreaterThan(0);
    fs.copyFileSync(path.join(live, "safegrid.db"), path.join(copy, "safegrid.db"));
    pointDataDirAt(copy);
    out = [];
    expect(await main(["verify"])).toBe(0);
    out = [];
    expect(await main(["verify", "--against", path.join(backupDir, "manifest.json")])).toBe(1);
    expect(out.join("\n")).toContain("缺少最新的留痕记录");
  });

  it("refuses to restore into a data directory that is not empty, and changes nothing there", async () => {
    const busy = path.join(root, "busy");
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, "keep.txt"), "x");
    pointDataDirAt(busy);
    out = [];
    expect(await main(["restore", backupDir])).toBe(2);
    expect(out.join("\n")).toContain("restore_target_not_empty");
    expect(fs.readdirSync(busy)).toEqual(["keep.txt"]);
  });

  it("refuses a tampered backup before writing anything", async () => {
    const tampered = path.join(root, "tampered");
    fs.cpSync(backupDir, tampered, { recursive: true });
    const evidence = fs.readdirSync(path.join(tampered, "evidence"))[0];
    fs.appendFileSync(path.join(tampered, "evidence", evidence), "altered");
    const target = path.join(root, "from-tampered");
    pointDataDirAt(target);
    out = [];
    expect(await main(["restore", tampered])).toBe(2);
    expect(out.join("\n")).toContain(`evidence/${evidence}（校验和不符`);
    expect(fs.existsSync(target) ? fs.readdirSync(target) : []).toEqual([]);
  });

  it("a restore whose evidence store lacks a file the database references exits 1 naming it", async () => {
    const store = path.join(live, "evidence");
    const lost = fs.readdirSync(store)[0];
    fs.renameSync(path.join(store, lost), path.join(root, lost));
    pointDataDirAt(live);
    const partial = path.join(root, "backup-partial");
    expect(await main(["backup", partial])).toBe(0);
    fs.renameSync(path.join(root, lost), path.join(store, lost));
    pointDataDirAt(path.join(root, "restored-partial"));
    out = [];
    expect(await main(["restore", partial])).toBe(1);
    expect(out.join("\n")).toMatch(new RegExp(`1 个证据文件缺失.*${lost}`));
  });

  it("refuses to write a backup into a directory that is not empty", async () => {
    pointDataDirAt(live);
    out = [];
    expect(await main(["backup", backupDir])).toBe(2);
    expect(out.join("\n")).toContain("backup_target_not_empty");
  });
});
