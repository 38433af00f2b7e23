import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../db/db";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { manifestSchema } from "../commands/backup/manifest";
import { main } from "./main";

/**
 * The newest trail rows deleted (with their anchors) after a backup: the chain and the anchors left still
 * verify, `verify --against` the backup's manifest does not. On PostgreSQL `safegrid backup` writes the
 * manifest and the evidence (the database itself goes through pg_dump), and `restore` checks the database.
 */
for (const dialect of testDialects()) {
  describe(`verify --against a backup manifest [${dialect}]`, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sg-against-"));
    const saved = { ...process.env };
    const backupDir = path.join(root, "backup");
    let url = "";
    let out: string[] = [];

    beforeAll(async () => {
      if (dialect === "postgres") {
        // A fresh migrated schema; the CLI reaches it through the connection string's search_path.
        const database = await createTestDatabase("postgres");
        await database.close();
        const base = process.env.TEST_DATABASE_URL!;
        url = `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${database.schema}`)}`;
      }
      Object.assign(process.env, {
        SAFEGRID_DATA_DIR: path.join(root, "data"),
        SAFEGRID_DEMO: "0",
        SAFEGRID_NEW_PASSWORD: "Cli-Strong-Pass-2026",
        DATABASE_URL: url,
        // The local evidence store (the default on PostgreSQL is the database): its files go into the backup.
        SAFEGRID_EVIDENCE_STORE: "local",
      });
      vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
      vi.spyOn(console, "error").mockImplementation((...a) => void out.push(a.join(" ")));
      expect(await main(["migrate"])).toBe(0);
      for (const username of ["admin1", "admin2", "admin3"])
        expect(
          await main(["user", "add", "--username", username, "--role", "system_admin", "--scope", "62"]),
        ).toBe(0);
      const evidence = path.join(root, "data", "evidence");
      fs.mkdirSync(evidence, { recursive: true });
      fs.writeFileSync(
        path.join(evidence, "aa7c4d9a8e2f9b1c3d5e7f90112233445566778899aabbccddeeff0011223344"),
        "not really content-addressed, copied as it is",
      );
    });
    afterAll(() => {
      process.env = saved;
      vi.restoreAllMocks();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it("a backup's manifest records the trail head; the intact database contains it", async () => {
      expect(await main(["backup", backupDir])).toBe(0);
      const manifest = manifestSchema.parse(
        JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")),
      );
      expect(manifest.dialect).toBe(dialect);
      expect(manifest.databaseIncluded).toBe(dialect === "sqlite");
      expect(manifest.trail.count).toBeGreaterThanOrEqual(3);
      expect(manifest.tables.app_user).toBe(3);
      expect(manifest.files.map((f) => f.path)).toContain(
        "evidence/aa7c4d9a8e2f9b1c3d5e7f90112233445566778899aabbccddeeff0011223344",
      );
      out = [];
      expect(await main(["verify", "--against", backupDir])).toBe(0);
    });

    it("deleting the newest 3 trail rows and their anchors passes verify but fails verify --against", async () => {
      const manifest = manifestSchema.parse(
        JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8")),
      );
      const database = openDatabase({ url: url || undefined, dataDir: path.join(root, "data") });
      const cut = manifest.trail.lastId - 3;
      await database.db.deleteFrom("trailAnchor").where("eventId", ">", cut).execute();
      await database.db.deleteFrom("event").where("id", ">", cut).execute();
      await database.close();
      out = [];
      expect(await main(["verify"])).toBe(0);
      out = [];
      expect(await main(["verify", "--against", path.join(backupDir, "manifest.json")])).toBe(1);
      const said = out.join("\n");
      expect(said).toContain("缺少最新的留痕记录");
      expect(said).toContain(`清单记录到 id=${manifest.trail.lastId}`);
      expect(said).toContain(`数据库只到 id=${cut}`);
      expect(said).toContain("至少缺 3 条");
    });

    it.runIf(dialect === "postgres")(
      "restore of a PostgreSQL backup puts back the evidence and fails on the database missing rows",
      async () => {
        process.env.SAFEGRID_DATA_DIR = path.join(root, "restored");
        out = [];
        expect(await main(["restore", backupDir])).toBe(1);
        expect(out.join("\n")).toContain("缺少最新的留痕记录");
        expect(fs.readdirSync(path.join(root, "restored", "evidence"))).toHaveLength(1);
      },
    );
  });
}
