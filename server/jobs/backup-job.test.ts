import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { migrateToLatest } from "../../db/migrate";
import { findBackupRun } from "../../db/queries/backup-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { createWorkingCalendar } from "../../domain/calendar/working-calendar";
import { testClock } from "../clock";
import { testConfig } from "../config";
import type { Deps } from "../deps";
import { runBackupJob } from "./backup-job";

/** Two processes on one database, each with its own connection and the scheduled backup enabled. */
for (const dialect of testDialects()) {
  describe(`scheduled backup [${dialect}]`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-backup-job-"));
    const backupDir = path.join(root, "backups");
    const clock = testClock("2026-11-29T17:30:00.000Z"); // 01:30 in Shanghai
    const databases: Database[] = [];
    const processes: Deps[] = [];

    beforeAll(async () => {
      const first =
        dialect === "sqlite" ? openDatabase({ dataDir: root }) : await createTestDatabase("postgres");
      await migrateToLatest(first);
      const second =
        dialect === "sqlite"
          ? openDatabase({ dataDir: root })
          : openDatabase({ url: process.env.TEST_DATABASE_URL, schema: first.schema, poolSize: 2 });
      databases.push(first, second);
      for (const database of databases)
        processes.push({
          db: database.db,
          dialect,
          clock,
          config: testConfig({ dataDir: root, backup: { dir: backupDir, keep: 2, hour: 2 } }),
          calendar: createWorkingCalendar(),
        });
    });
    afterAll(async () => {
      for (const d of databases) await d.close();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const bothRun = () => Promise.all(processes.map((deps) => runBackupJob(deps)));
    const written = () => (fs.existsSync(backupDir) ? fs.readdirSync(backupDir).sort() : []);

    it("waits for the configured hour (Asia/Shanghai)", async () => {
      expect(await bothRun()).toEqual([null, null]);
      expect(await findBackupRun(processes[0].db, "2026-11-30")).toBeUndefined();
      expect(written()).toEqual([]);
    });

    it("at the hour, exactly one of two processes backs up, once that day", async () => {
      clock.advance({ minutes: 35 }); // 02:05 in Shanghai
      const reports = await bothRun();
      expect(reports.filter((r) => r !== null)).toHaveLength(1);
      expect(written()).toEqual(["safegrid-20261130-020500"]);
      expect(fs.existsSync(path.join(backupDir, "safegrid-20261130-020500", "manifest.json"))).toBe(true);
      expect(await findBackupRun(processes[1].db, "2026-11-30")).toMatchObject({ status: "done" });
      clock.advance({ hours: 3 });
      expect(await bothRun()).toEqual([null, null]);
      expect(written()).toHaveLength(1);
    });

    it("keeps the newest N backups", async () => {
      clock.advance({ days: 1 });
      await bothRun();
      clock.advance({ days: 1 });
      await bothRun();
      expect(written()).toEqual(["safegrid-20261201-050500", "safegrid-20261202-050500"]);
    });

    it("a failed day is recorded with its error and not retried that day", async () => {
      clock.advance({ days: 1 });
      const blocked = path.join(root, "not-a-directory");
      fs.writeFileSync(blocked, "x");
      const broken = {
        ...processes[0],
        config: { ...processes[0].config, backup: { dir: blocked, keep: 2, hour: 2 } },
      };
      await expect(runBackupJob(broken)).rejects.toThrow();
      expect(await findBackupRun(broken.db, "2026-12-03")).toMatchObject({ status: "failed" });
      expect(await runBackupJob(broken)).toBeNull();
      expect(await bothRun()).toEqual([null, null]);
    });
  });
}
