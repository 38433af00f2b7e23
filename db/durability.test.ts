import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "./db";
import { verifyTrail } from "./queries/event-queries";

it("keeps every acknowledged SQLite write after kill -9", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "safegrid-durable-")), "safegrid.db");
  const child = spawn(process.execPath, ["--import", "tsx", "db/test-fixtures/write-then-wait.ts", file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acked: number[] = [];
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      for (const m of d.toString().matchAll(/ack (\d+)/g)) acked.push(Number(m[1]));
      if (acked.length === 20) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const database = openDatabase({ file });
  const rows = await database.db
    .selectFrom("event")
    .select("id")
    .where("action", "=", "test.durable")
    .execute();
  expect(rows.map((r) => Number(r.id))).toEqual(acked);
  expect((await verifyTrail(database.db)).ok).toBe(true);
  await database.close();
}, 30_000);
