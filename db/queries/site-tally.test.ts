import fc from "fast-check";
import { expect, it } from "vitest";
import { eachDialect } from "../test-db";
import { testSiteRow, testUserRow } from "../test-rows";
import { siteFigures, siteFiguresRecount } from "./coverage-queries";
import { insertSites } from "./site-queries";

/**
 * The register's rollup (`site_tally`, kept by triggers on `site`) equals a recount of the sites after
 * random multi-row inserts, updates of every column it counts (and of one it does not), and deletes, at
 * every level the coverage reads it — on both databases.
 */
const villages = ["620123100001", "620123100002", "620123101001", "620102001001", "620102001002"];
const op = fc.record({
  kind: fc.constantFrom("insert", "update", "delete"),
  village: fc.nat(villages.length - 1),
  n: fc.integer({ min: 1, max: 4 }),
  status: fc.constantFrom("operating", "closed", "suspended"),
  direct: fc.nat(1),
  grid: fc.boolean(),
  rule: fc.constantFrom("point_in_polygon", "outside_grids", "no_location"),
  lon: fc.boolean(),
  worker: fc.boolean(),
  department: fc.boolean(),
  name: fc.boolean(),
});
const at = "2026-12-01T00:00:00.000Z";

eachDialect("site rollup (site_tally)", (ctx) => {
  it("equals a recount of the sites after random writes", async () => {
    const db = ctx.database.db;
    await db
      .insertInto("grid")
      .values({
        id: "g1",
        code: "620123100001001",
        regionCode: "620123100001",
        townshipCode: "620123100",
        name: "网格",
        kind: "village",
        status: "active",
        villageCodes: "[]",
        geojson: "{}",
        minLon: 0,
        minLat: 0,
        maxLon: 1,
        maxLat: 1,
        centerLon: 0.5,
        centerLat: 0.5,
        areaM2: 1,
        officerName: null,
        officerPhone: null,
        leaderName: null,
        leaderPhone: null,
        source: "test",
        version: 1,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto("appUser")
      .values(testUserRow("w1", "620123100001", at))
      .execute();
    let next = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const cols = {
            regionCode: villages[o.village],
            status: o.status,
            direct: o.direct,
            gridId: o.grid ? "g1" : null,
            gridRule: o.rule,
            lon: o.lon ? 104.1 : null,
            lat: o.lon ? 35.8 : null,
            workerId: o.worker ? "w1" : null,
            departmentId: null,
            workerRule: o.worker ? "grid_staff" : "no_worker",
          };
          if (o.kind === "insert") {
            const rows = Array.from({ length: o.n }, () => ({
              ...testSiteRow(`s${next++}`, villages[0], at),
              ...cols,
            }));
            await insertSites(db, rows);
          } else {
            const ids = (await db.selectFrom("site").select("id").orderBy("id").execute())
              .map((r) => r.id)
              .filter((_, i) => i % (o.n + 1) === o.village % (o.n + 1));
            if (ids.length === 0) continue;
            if (o.kind === "delete") await db.deleteFrom("site").where("id", "in", ids).execute();
            else if (o.name)
              await db.updateTable("site").set({ name: "改名" }).where("id", "in", ids).execute();
            else await db.updateTable("site").set(cols).where("id", "in", ids).execute();
          }
        }
        for (const [prefix, length] of [
          ["62", 6],
          ["620123", 9],
          ["620123100", 12],
          ["620102001002", 12],
        ] as const) {
          const sorted = (rows: { code: string }[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
          const kept = sorted(await siteFigures(db, prefix, length));
          expect(kept).toEqual(sorted(await siteFiguresRecount(db, prefix, length)));
          for (const r of kept) for (const [k, v] of Object.entries(r)) if (Number(v) !== 0) seen.add(k);
        }
      }),
      { numRuns: 25, seed: 20261211 },
    );
    // The writes moved every counter at some point (the test would not see a wrong one otherwise).
    expect([...seen].sort()).toEqual(Object.keys((await siteFiguresRecount(db, "62", 2))[0]).sort());
  });
});
