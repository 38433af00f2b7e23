import fc from "fast-check";
import { expect, it } from "vitest";
import { addCalendarDays } from "../../domain/calendar/shanghai-time";
import { eachDialect } from "../test-db";
import { deferWrites, flushDeferred } from "../tx-deferred";
import { forgetCountyDayTotals, readDayTotals } from "./case-day-queries";
import { addToTally, readTally } from "./case-tally-queries";

/**
 * The daily series of a province or a city read with kept settled days (`case_day_total`) equals the sum
 * of its counties' rows read at that moment, after random steps — in a group commit's deferred writes or
 * at once — including steps counted on a day already kept (a clock set back) and a county's rollup
 * deleted and rebuilt, on both databases.
 */
const counties = ["620123", "620102", "620502"];
const days = Array.from({ length: 10 }, (_, i) => addCalendarDays("2026-11-20", i));
const step = fc.record({
  county: fc.nat(counties.length - 1),
  day: fc.nat(days.length - 1),
  reported: fc.integer({ min: 0, max: 3 }),
  closed: fc.integer({ min: 0, max: 2 }),
});
const round = fc.record({
  steps: fc.array(step, { maxLength: 6 }),
  deferred: fc.boolean(),
  today: fc.nat(days.length + 2),
  rebuild: fc.option(fc.nat(counties.length - 1), { nil: null }),
});

eachDialect("daily series with kept settled days (case_day_total)", (ctx) => {
  it("equals the counties' rows summed at each read", async () => {
    const db = ctx.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 5 }), async (rounds) => {
        await db.deleteFrom("caseTally").execute();
        await db.deleteFrom("caseDayTotal").execute();
        for (const r of rounds) {
          await db.transaction().execute(async (tx) => {
            if (r.deferred) deferWrites(tx);
            for (const s of r.steps)
              await addToTally(
                tx,
                `${counties[s.county]}100001`,
                `${days[s.day]}T04:00:00.000Z`,
                { reported: s.reported, closed: s.closed },
                null,
              );
            if (r.deferred) await flushDeferred(tx);
          });
          if (r.rebuild !== null) {
            // what a rebuild does to the kept days: the county's rows replaced, its province's and city's forgotten
            await db.transaction().execute(async (tx) => {
              await tx
                .deleteFrom("caseTally")
                .where("regionCode", "like", `${counties[r.rebuild!]}%`)
                .execute();
              await forgetCountyDayTotals(tx, counties[r.rebuild!]);
            });
          }
          const today = addCalendarDays(days[0], r.today);
          for (const region of ["62", "6201", "6205"]) {
            const live = await readTally(db, {
              regionCode: region,
              span: { months: [], days },
              group: "day",
              metrics: ["reported", "closed"],
            });
            const want = Object.fromEntries(
              live
                .filter((x) => x.reported || x.closed)
                .map((x) => [x.period, { reported: x.reported, closed: x.closed }]),
            );
            const got = await readDayTotals(db, region, days, today);
            const shown = Object.fromEntries([...got].filter(([, v]) => v.reported || v.closed));
            expect(shown).toEqual(want);
          }
        }
      }),
      { numRuns: ctx.dialect === "postgres" ? 15 : 40, seed: 20261214 },
    );
    // the reads kept settled days (the test would not see a stale kept day otherwise)
    expect(
      Number(
        (
          await db
            .selectFrom("caseDayTotal")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
  }, 120_000);
});
