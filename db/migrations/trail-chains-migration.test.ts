import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../../domain/calendar/working-calendar";
import { genesisHash, merkleRoot } from "../../domain/trail/trail-root";
import { testClock } from "../../server/clock";
import { testConfig } from "../../server/config";
import { sealTrail } from "../../server/trail/seal-trail";
import type { openDatabase } from "../db";
import { migrateTo, migrateToLatest } from "../migrate";
import { eventHash, insertEvent, verifyTrail } from "../queries/event-queries";
import { createTestDatabase, testDialects } from "../test-db";

/** The single-chain trail as the server wrote it before 202612041900: ids in order, one global chain. */
async function writeLegacyTrail(db: ReturnType<typeof openDatabase>["db"], n: number) {
  let prev = genesisHash;
  for (let i = 0; i < n; i++) {
    const row = {
      at: "2026-12-01T00:00:00.000Z",
      actorId: null,
      actorRole: null,
      action: "site.created",
      subjectType: "site",
      subjectId: `s${i}`,
      regionCode: i % 2 ? "620102" : "620103",
      data: JSON.stringify({ i }),
      prevHash: prev,
    };
    const hash = eventHash(row);
    await sql`insert into event (at, actor_id, actor_role, action, subject_type, subject_id, region_code, data, prev_hash, hash)
      values (${row.at}, null, null, ${row.action}, ${row.subjectType}, ${row.subjectId}, ${row.regionCode}, ${row.data}, ${prev}, ${hash})`.execute(
      db,
    );
    prev = hash;
  }
  return prev;
}

for (const dialect of testDialects())
  describe(`migration 202612041900-trail-chains [${dialect}]`, () => {
    it("keeps the single-chain rows verifiable as the legacy chain and links the county chains to its root", async () => {
      const database = await createTestDatabase(dialect, { blank: true });
      try {
        await migrateTo(database, "202612041600-create-backup-run");
        const head = await writeLegacyTrail(database.db, 7);
        await sql`insert into trail_anchor (event_id, hash, at) values (4, (select hash from event where id = 4), 'x')`.execute(
          database.db,
        );
        await migrateToLatest(database);
        const rows = await database.db
          .selectFrom("event")
          .select(["id", "chain", "seq"])
          .orderBy("id")
          .execute();
        expect(rows.map((r) => `${r.chain}:${r.seq}`)).toEqual(
          [1, 2, 3, 4, 5, 6, 7].map((n) => `legacy:${n}`),
        );
        const root = await database.db.selectFrom("trailRoot").selectAll().executeTakeFirstOrThrow();
        expect(JSON.parse(root.leaves)).toEqual([{ chain: "legacy", seq: 7, hash: head }]);
        expect(root.root).toBe(merkleRoot([{ chain: "legacy", seq: 7, hash: head }]));
        expect(await verifyTrail(database.db)).toMatchObject({ ok: true, checked: 7, chains: 1, roots: 1 });

        await database.db.transaction().execute((tx) =>
          insertEvent(
            tx,
            null,
            {
              action: "case.reported",
              subjectType: "case",
              subjectId: "c1",
              regionCode: "620102001",
              data: {},
            },
            new Date(),
          ),
        );
        const county = await database.db
          .selectFrom("event")
          .selectAll()
          .where("chain", "=", "620102")
          .executeTakeFirstOrThrow();
        expect([county.seq, county.prevHash]).toEqual([1, root.root]);
        const deps = {
          db: database.db,
          dialect: database.dialect,
          clock: testClock(),
          config: testConfig(),
          calendar: createWorkingCalendar(),
        };
        await sealTrail(deps);
        expect(await verifyTrail(database.db)).toMatchObject({ ok: true, checked: 8, chains: 2, roots: 2 });

        // Cutting the legacy chain's newest row is caught by the migration root.
        await database.db.deleteFrom("event").where("id", "=", 7).execute();
        expect((await verifyTrail(database.db)).firstBroken).toMatchObject({
          reason: "root_leaf_missing",
          chain: "legacy",
        });
        // Removing the roots too: the county chains no longer link to a migration root.
        await database.db.deleteFrom("trailRoot").execute();
        expect((await verifyTrail(database.db)).firstBroken).toMatchObject({
          reason: "genesis_mismatch",
          chain: "620102",
        });
        // Without any county chain, the legacy anchors still catch the cut, as before the migration.
        await database.db.deleteFrom("event").where("chain", "<>", "legacy").execute();
        await database.db.deleteFrom("event").where("id", ">=", 4).execute();
        expect((await verifyTrail(database.db)).firstBroken).toMatchObject({
          reason: "anchor_mismatch",
          id: 4,
        });
      } finally {
        await database.close();
      }
    });
  });
