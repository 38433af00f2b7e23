import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDatabase, sqliteDurability } from "./db";
import { verifyTrail } from "./queries/event-queries";

/**
 * A kill -9 alone cannot tell synchronous=FULL from OFF: the killed process's writes are already in the
 * operating system's page cache, which outlives it (only a power loss or a kernel crash drops unsynced pages,
 * and a test cannot cut the power). So the test checks the setting the writes were made with, in the very
 * process that is killed: with synchronous=OFF (or NORMAL, which loses the last commits on power loss in
 * WAL mode) in `openDatabase` this test fails; then it checks that nothing acknowledged is lost or broken.
 */
it("keeps every acknowledged SQLite write after kill -9, written with synchronous=FULL in WAL mode", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-durable-")), "safegrid.db");
  const child = spawn(process.execPath, ["--import", "tsx", "db/test-fixtures/write-then-wait.ts", file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acked: number[] = [];
  let settings = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const text = d.toString();
      settings ||= /synchronous \d+ journal \w+/.exec(text)?.[0] ?? "";
      for (const m of text.matchAll(/ack (\d+)/g)) acked.push(Number(m[1]));
      if (acked.length === 20) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  expect(settings).toBe("synchronous 2 journal wal");
  const database = openDatabase({ file });
  expect(await sqliteDurability(database.db)).toEqual({ synchronous: 2, journalMode: "wal" });
  const rows = await database.db
    .selectFrom("event")
    .select("id")
    .where("action", "=", "test.durable")
    .execute();
  expect(rows.map((r) => Number(r.id))).toEqual(acked);
  expect((await verifyTrail(database.db)).ok).toBe(true);
  await database.close();
}, 30_000);
