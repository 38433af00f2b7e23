import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patrolDaysOf } from "../../domain/patrol/patrol-days";
import { migrateTo, migrateToLatest } from "../migrate";
import type { PatrolTable } from "../schema/patrol-tables";
import { createTestDatabase, testDialects } from "../test-db";
import { testPatrolRow, testSiteRow, testUserRow } from "../test-rows";
import { patrolDaysUnder } from "./assessment-fact-queries";
import { insertPatrols } from "./patrol-queries";
import { insertSites } from "./site-queries";

/**
 * `patrol_day` (kept by a trigger on patrol inserts, filled from the stored patrols by its migration) holds
 * exactly the days `patrolDaysOf` marks from the patrols' received instants — on both databases, for
 * instants around Shanghai midnight and new year, several check-ins of a site in one statement, and a site
 * patrolled under two villages.
 */
const at = "2026-01-01T00:00:00.000Z";
const villages = ["620123100001", "620123100002"];
const before = "202612131010-training-attendance-entered";
// instants from 2026-12-25 to 2027-01-08, with the minutes around Shanghai midnight (16:00 UTC) likely
const instant = fc
  .record({
    day: fc.integer({ min: 0, max: 14 }),
    minute: fc.oneof(fc.integer({ min: 955, max: 965 }), fc.nat(1439)),
  })
  .map(({ day, minute }) => new Date(Date.UTC(2026, 11, 25 + day) + minute * 60_000 + 123).toISOString());
const visit = fc.record({ site: fc.nat(2), village: fc.nat(1), at: instant });

let n = 0;
const row = (v: { site: number; village: number; at: string }): PatrolTable =>
  testPatrolRow({
    id: `p${n++}`,
    siteId: `s${v.site}`,
    regionCode: villages[v.village],
    gridId: null,
    userId: "w1",
    at: v.at,
  });

for (const dialect of testDialects())
  describe(`patrolled days (patrol_day) [${dialect}]`, () => {
    it("equal the days marked from the patrols, filled by the migration and then by the trigger", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(visit, { maxLength: 12 }),
          fc.array(fc.array(visit, { minLength: 1, maxLength: 6 }), { maxLength: 4 }),
          async (stored, later) => {
            const database = await createTestDatabase(dialect, { blank: true });
            try {
              const db = database.db;
              await migrateTo(database, before);
              await db
                .insertInto("appUser")
                .values(testUserRow("w1", villages[0], at))
                .execute();
              await insertSites(
                db,
                [0, 1, 2].map((i) => testSiteRow(`s${i}`, villages[0], at)),
              );
              const rows = stored.map(row);
              if (rows.length) await insertPatrols(db, rows);
              await migrateToLatest(database);
              for (const batch of later) {
                const more = batch.map(row);
                await insertPatrols(db, more); // one multi-row statement each
                rows.push(...more);
              }
              const plain = (m: Map<string, Map<number, string>>) =>
                Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries(v)]));
              expect(plain(await patrolDaysUnder(db, "620123", 2000, 2100))).toEqual(
                plain(patrolDaysOf(rows)),
              );
              // one village's rows only
              const first = rows.filter((r) => r.regionCode === villages[0]);
              expect(plain(await patrolDaysUnder(db, villages[0], 2000, 2100))).toEqual(
                plain(patrolDaysOf(first)),
              );
              // the years asked for only
              const late = rows.filter((r) => Date.parse(r.receivedAt) >= Date.UTC(2026, 11, 31, 16));
              expect(plain(await patrolDaysUnder(db, "620123", 2027, 2027))).toEqual(
                plain(patrolDaysOf(late)),
              );
            } finally {
              await database.close();
            }
          },
        ),
        { numRuns: dialect === "postgres" ? 8 : 25, seed: 20261214 },
      );
    }, 120_000);
  });
