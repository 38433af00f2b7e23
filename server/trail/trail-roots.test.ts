import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { appendEvents, verifyTrail } from "../../db/queries/event-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import { merkleRoot, type RootLeaf } from "../../domain/trail/trail-root";
import { verifyCommand } from "../cli/verify-cli";
import { appendTo, snapshotTrail, trailDeps } from "../test/trail-test-kit";
import { checkWitness } from "./check-witness";
import { sealTrail } from "./seal-trail";
import { readWitnessFile } from "./witness";

async function withDatabase(dialect: "sqlite" | "postgres", body: (database: Database) => Promise<void>) {
  const database = await createTestDatabase(dialect);
  try {
    await body(database);
  } finally {
    await database.close();
  }
}

const newest = (database: Database, chain: string, n: number) =>
  database.db
    .selectFrom("event")
    .select("id")
    .where("chain", "=", chain)
    .orderBy("seq", "desc")
    .limit(n)
    .execute();

const deleteIds = (database: Database, rows: { id: number }[]) =>
  database.db
    .deleteFrom("event")
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();

for (const dialect of testDialects())
  describe(`trail chains, roots and witness [${dialect}]`, () => {
    it("puts each county, city, province and region-less event on its own chain, each linked to the migration root", () =>
      withDatabase(dialect, async (database) => {
        for (const code of ["620102001", "620103", "6201", "62", null, "620102"])
          await appendTo(database, code, 2);
        const rows = await database.db.selectFrom("event").selectAll().orderBy("id").execute();
        expect(rows.map((r) => `${r.chain}:${r.seq}`)).toEqual([
          "620102:1",
          "620102:2",
          "620103:1",
          "620103:2",
          "6201:1",
          "6201:2",
          "62:1",
          "62:2",
          ":1",
          ":2",
          "620102:3",
          "620102:4",
        ]);
        const migrationRoot = await database.db
          .selectFrom("trailRoot")
          .select("root")
          .orderBy("id")
          .executeTakeFirstOrThrow();
        for (const r of rows.filter((r) => Number(r.seq) === 1)) expect(r.prevHash).toBe(migrationRoot.root);
        expect(await verifyTrail(database.db)).toMatchObject({ ok: true, checked: 12, chains: 5, roots: 1 });
      }));

    it("seals every head into a Merkle root once something changed, and writes it to the witness file", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 3);
        await appendTo(database, "620103", 2);
        const first = await sealTrail(deps);
        expect(first).toMatchObject({ chains: 2, events: 5 });
        expect(await sealTrail(deps)).toBeNull();
        await appendTo(database, "620103", 1);
        const second = await sealTrail(deps);
        expect(second).toMatchObject({ chains: 2, events: 6 });
        const stored = await database.db
          .selectFrom("trailRoot")
          .selectAll()
          .where("id", "=", second!.id)
          .executeTakeFirstOrThrow();
        const leaves = JSON.parse(stored.leaves) as RootLeaf[];
        expect(leaves.map((l) => [l.chain, l.seq])).toEqual([
          ["620102", 3],
          ["620103", 3],
        ]);
        expect(merkleRoot(leaves)).toBe(stored.root);
        expect(readWitnessFile(deps.witnessFile).lines.map((l) => l.id)).toEqual([first!.id, second!.id]);
        expect(await verifyTrail(database.db)).toMatchObject({ ok: true, roots: 3 });
        expect(await checkWitness(database.db, deps.witnessFile)).toMatchObject({ ok: true, matched: 2 });
        expect(await verifyCommand(deps, { witness: true })).toBe(0);
      }));

    it("deleting the newest 3 rows of a sealed chain is detected by verify and verify --witness", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 10);
        await appendTo(database, "620103", 4);
        await sealTrail(deps);
        await deleteIds(database, await newest(database, "620102", 3));
        expect((await verifyTrail(database.db)).firstBroken).toMatchObject({
          reason: "root_leaf_missing",
          chain: "620102",
        });
        expect(await verifyCommand(deps, {})).toBe(1);
        expect(await verifyCommand(deps, { witness: deps.witnessFile })).toBe(1);
      }));

    it("deleting all rows after the previous root (a later root, e.g. the shutdown seal, has them) is detected", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 5);
        await sealTrail(deps);
        await appendTo(database, "620102", 7);
        await appendTo(database, "620103", 2);
        await sealTrail(deps);
        await database.db.deleteFrom("event").where("chain", "=", "620102").where("seq", ">", 5).execute();
        await database.db.deleteFrom("event").where("chain", "=", "620103").execute();
        expect((await verifyTrail(database.db)).ok).toBe(false);
        expect(await verifyCommand(deps, { witness: true })).toBe(1);
      }));

    it("deleting rows together with their roots passes verify but not verify --witness", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 5);
        const kept = await sealTrail(deps);
        await appendTo(database, "620102", 6);
        await sealTrail(deps);
        await database.db.deleteFrom("event").where("chain", "=", "620102").where("seq", ">", 5).execute();
        await database.db.deleteFrom("trailRoot").where("id", ">", kept!.id).execute();
        expect((await verifyTrail(database.db)).ok).toBe(true);
        const w = await checkWitness(database.db, deps.witnessFile);
        expect(w).toMatchObject({ ok: false, matched: 1, firstBroken: { reason: "witness_root_missing" } });
        expect(await verifyCommand(deps, { witness: true })).toBe(1);
      }));

    it("an older copy of the database put back passes verify but not verify --witness", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 4);
        await appendTo(database, "62", 1);
        await sealTrail(deps);
        const restoreOlderCopy = await snapshotTrail(database);
        await appendTo(database, "620102", 3);
        await appendTo(database, "620103", 3);
        await sealTrail(deps);
        await restoreOlderCopy();
        expect((await verifyTrail(database.db)).ok).toBe(true);
        expect(await verifyCommand(deps, {})).toBe(0);
        expect(await verifyCommand(deps, { witness: true })).toBe(1);
      }));

    it("a whole chain deleted after its seal is detected, and a tampered root or witness line is named", () =>
      withDatabase(dialect, async (database) => {
        const deps = trailDeps(database);
        await appendTo(database, "620102", 2);
        await appendTo(database, "620103", 2);
        const sealed = await sealTrail(deps);
        await database.db.deleteFrom("event").where("chain", "=", "620103").execute();
        await database.db.deleteFrom("trailChain").where("chain", "=", "620103").execute();
        expect((await verifyTrail(database.db)).firstBroken).toMatchObject({
          reason: "root_leaf_missing",
          chain: "620103",
        });
        await database.db
          .updateTable("trailRoot")
          .set({ leaves: "[]" })
          .where("id", "=", sealed!.id)
          .execute();
        expect((await verifyTrail(database.db)).firstBroken).toEqual({
          id: sealed!.id,
          reason: "root_mismatch",
        });
        fs.appendFileSync(deps.witnessFile, `${JSON.stringify({ ...sealed, root: "f".repeat(64) })}\n`);
        expect((await checkWitness(database.db, deps.witnessFile)).firstBroken).toEqual({
          id: sealed!.id,
          reason: "witness_root_mismatch",
        });
      }));

    if (dialect === "postgres")
      it("appends to different counties proceed in parallel; to the same county they wait for each other", () =>
        withDatabase(dialect, async (database) => {
          await appendTo(database, "620102", 1);
          let release!: () => void;
          const held = new Promise<void>((r) => {
            release = r;
          });
          let appended!: () => void;
          const holding = new Promise<void>((r) => {
            appended = r;
          });
          let sameCountyDone = false;
          const first = database.db.transaction().execute(async (tx) => {
            await appendEvents(
              tx,
              null,
              [{ action: "t", subjectType: "t", subjectId: "held", regionCode: "620102", data: {} }],
              new Date(),
            );
            appended();
            await held;
          });
          await holding;
          // Another county commits while the first transaction still holds its chain (else this never ends).
          await appendTo(database, "620103", 2, "other");
          const same = appendTo(database, "620102", 1, "same").then(() => {
            sameCountyDone = true;
          });
          // The same county waits on the chain's advisory lock until the first transaction commits.
          while (
            Number(
              (
                await sql<{
                  n: number;
                }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(
                  database.db,
                )
              ).rows[0].n,
            ) === 0
          )
            await new Promise((r) => setImmediate(r));
          expect(sameCountyDone).toBe(false);
          release();
          await Promise.all([first, same]);
          expect(sameCountyDone).toBe(true);
          expect(await verifyTrail(database.db)).toMatchObject({ ok: true, checked: 5, chains: 2 });
        }));
  });
