import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../db/db";
import { appendEvents } from "../../db/queries/event-queries";
import { createWorkingCalendar } from "../../domain/calendar/working-calendar";
import { testClock } from "../clock";
import { testConfig } from "../config";
import type { Deps } from "../deps";

/** Deps over a test database with a witness file in a fresh temporary directory. */
export function trailDeps(database: Database): Deps & { witnessFile: string } {
  const witnessFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "witness-")), "data-witness.jsonl");
  return {
    db: database.db,
    dialect: database.dialect,
    clock: testClock(),
    config: testConfig({ trail: { witnessFile, witnessUrl: null, witnessKey: null } }),
    calendar: createWorkingCalendar(),
    witnessFile,
  };
}

/** Commits `n` events on the chain of `regionCode`, one transaction. */
export function appendTo(database: Database, regionCode: string | null, n: number, tag = "e") {
  return database.db.transaction().execute((tx) =>
    appendEvents(
      tx,
      null,
      Array.from({ length: n }, (_, i) => ({
        action: "test.done",
        subjectType: "test",
        subjectId: `${tag}${i}`,
        regionCode,
        data: { i },
      })),
      new Date("2026-12-04T10:00:00.000Z"),
    ),
  );
}

/** The trail's tables as they are now, and putting them back: a restore of an older database copy. */
export async function snapshotTrail(database: Database) {
  const { db } = database;
  const tables = {
    event: await db.selectFrom("event").selectAll().execute(),
    trailRoot: await db.selectFrom("trailRoot").selectAll().execute(),
    trailChain: await db.selectFrom("trailChain").selectAll().execute(),
  };
  return async () => {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("event").execute();
      await tx.deleteFrom("trailRoot").execute();
      await tx.deleteFrom("trailChain").execute();
      for (const row of tables.event) await tx.insertInto("event").values(row).execute();
      for (const row of tables.trailRoot) await tx.insertInto("trailRoot").values(row).execute();
      for (const row of tables.trailChain) await tx.insertInto("trailChain").values(row).execute();
    });
  };
}
