import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patrolPlanCounts, patrolPlanCountsKept } from "../../domain/assessment/coverage-indicators";
import { type PatrolPlan, patrolFrequencies } from "../../domain/patrol/patrol-plan";
import { riskLevels, siteKinds } from "../../domain/site/site-kinds";
import { migrateTo, migrateToLatest } from "../migrate";
import { createTestDatabase, testDialects } from "../test-db";
import { testPatrolRow, testSiteRow, testUserRow } from "../test-rows";
import { owingSitesUnder, patrolDaysUnder } from "./assessment-fact-queries";
import { patrolTallyUnder } from "./patrol-met-queries";
import { insertPatrols } from "./patrol-queries";
import { insertSites } from "./site-queries";

/**
 * The patrol rollups (`site_owing`, `patrol_met`; migration 202612151000, kept by triggers) give a county's and
 * a township's patrol plan coverage exactly as the sites and their patrolled days do (`patrolPlanCounts`), on
 * both databases: filled by the migration from stored sites and check-ins, then kept through multi-row
 * check-in statements (several of one site in one period), sites whose risk level, kind, status, supervision,
 * township or registration changes, for any plan and periods of every length around a new year.
 */
const county = "620123";
const villages = ["620123100001", "620123100002", "620123200001"];
const townships = ["620123100", "620123200"];
const before = "202612141020-case-county-escalated";
const at = "2025-01-01T00:00:00.000Z";

const shanghai = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d) - 8 * 3_600_000).toISOString();
const periods = [
  { from: shanghai(2026, 12, 1), to: shanghai(2027, 1, 1) }, // a month
  { from: shanghai(2026, 1, 1), to: shanghai(2027, 1, 1) }, // a year
  { from: shanghai(2026, 10, 1), to: shanghai(2027, 1, 1) }, // a quarter
  { from: shanghai(2026, 7, 1), to: shanghai(2027, 1, 1) }, // a half-year
  { from: shanghai(2026, 12, 10), to: shanghai(2027, 1, 20) }, // custom, across the new year
  { from: shanghai(2026, 12, 31), to: "2027-01-14T03:00:00.000Z" }, // cut at a present mid-day
];

// instants from 2025-12-20 on: mostly December 2026 and January 2027, minutes around Shanghai midnight likely
const instant = fc
  .record({
    day: fc.oneof(fc.integer({ min: 340, max: 400 }), fc.integer({ min: 0, max: 400 })),
    minute: fc.oneof(fc.integer({ min: 955, max: 965 }), fc.nat(1439)),
  })
  .map(({ day, minute }) => new Date(Date.UTC(2025, 11, 20 + day) + minute * 60_000 + 7).toISOString());
const siteArb = fc.record({
  village: fc.nat(villages.length - 1),
  kind: fc.constantFrom("small_shop", "enterprise", "household"),
  risk: fc.constantFrom(null, ...riskLevels),
  created: instant,
  direct: fc.integer({ min: 0, max: 9 }).map((x) => x < 2),
  closed: fc.integer({ min: 0, max: 9 }).map((x) => x < 2),
});
const visit = fc.record({ site: fc.nat(5), at: instant });
const change = fc.oneof(
  fc.record({ riskLevel: fc.constantFrom(null, ...riskLevels) }),
  fc.record({ kind: fc.constantFrom("small_shop", "enterprise", "household") }),
  fc.record({ status: fc.constantFrom("operating", "closed") }),
  fc.record({ direct: fc.constantFrom(0, 1) }),
  fc.record({ regionCode: fc.constantFrom(...villages) }),
  fc.record({ createdAt: instant }),
);
const op = fc.oneof(
  fc.record({ patrols: fc.array(visit, { minLength: 1, maxLength: 6 }) }),
  fc.record({ site: fc.nat(5), change }),
);
const frequency = fc.constantFrom(...patrolFrequencies);
const planArb: fc.Arbitrary<PatrolPlan> = fc.record({
  byRisk: fc.record(
    Object.fromEntries(riskLevels.map((r) => [r, frequency])) as Record<
      (typeof riskLevels)[number],
      typeof frequency
    >,
  ),
  unrated: frequency,
  byKind: fc.dictionary(fc.constantFrom(...siteKinds), frequency, { maxKeys: 2 }),
});

for (const dialect of testDialects())
  describe(`patrol rollups (site_owing, patrol_met) [${dialect}]`, () => {
    it("count what the sites and their patrolled days count, after the migration and through every write", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(siteArb, { minLength: 6, maxLength: 6 }),
          fc.array(visit, { maxLength: 10 }),
          fc.array(op, { maxLength: 8 }),
          fc.array(planArb, { minLength: 2, maxLength: 2 }),
          async (sites, stored, ops, plans) => {
            const database = await createTestDatabase(dialect, { blank: true });
            let n = 0;
            const region = new Map<number, string>();
            const row = (v: { site: number; at: string }) =>
              testPatrolRow({
                id: `p${n++}`,
                siteId: `s${v.site}`,
                regionCode: region.get(v.site)!,
                gridId: null,
                userId: "w1",
                at: v.at,
              });
            try {
              const db = database.db;
              await migrateTo(database, before);
              await db
                .insertInto("appUser")
                .values(testUserRow("w1", villages[0], at))
                .execute();
              await insertSites(
                db,
                sites.map((s, i) => {
                  region.set(i, villages[s.village]);
                  return {
                    ...testSiteRow(`s${i}`, villages[s.village], s.created),
                    kind: s.kind as "small_shop",
                    riskLevel: s.risk,
                    direct: s.direct ? 1 : 0,
                    status: s.closed ? "closed" : "operating",
                  };
                }),
              );
              if (stored.length) await insertPatrols(db, stored.map(row));
              await migrateToLatest(database);
              for (const o of ops)
                if ("patrols" in o)
                  await insertPatrols(db, o.patrols.map(row)); // one statement each
                else {
                  await db
                    .updateTable("site")
                    .set(o.change as never)
                    .where("id", "=", `s${o.site}`)
                    .execute();
                  if ("regionCode" in o.change) region.set(o.site, o.change.regionCode);
                }
              const days = await patrolDaysUnder(db, county, 2000, 2100);
              for (const plan of plans)
                for (const p of periods)
                  for (const prefix of [county, ...townships]) {
                    const live = patrolPlanCounts(await owingSitesUnder(db, prefix), days, plan, p);
                    const tally = await patrolTallyUnder(db, prefix, patrolFrequencies, p);
                    expect(patrolPlanCountsKept(tally, plan, p), `${prefix} ${p.from}–${p.to}`).toEqual(live);
                  }
            } finally {
              await database.close();
            }
          },
        ),
        { numRuns: dialect === "postgres" ? 10 : 40, seed: 20261215 },
      );
    }, 240_000);
  });
