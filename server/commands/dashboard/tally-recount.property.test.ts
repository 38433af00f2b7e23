import fc from "fast-check";
import { expect, it } from "vitest";
import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { allTallyRows } from "../../../db/queries/case-tally-queries";
import { countyTallyDiff, prepareTallyRecount } from "../../../db/queries/case-tally-rebuild-queries";
import type { CaseTallyTable } from "../../../db/schema/tally-tables";
import { allowedActions } from "../../../domain/case/case-machine";
import { caseAbilities } from "../../../domain/case/case-policy";
import { AppError } from "../../../domain/errors";
import { type CaseTally, tallyMetrics } from "../../../domain/indicators/case-tally";
import { runDeadlineJob } from "../../jobs/deadline-job";
import { actOnCase } from "../cases/act-on-case";
import { eachCaseWorld, insertTestSite, village } from "../cases/case-command-kit";
import { mainPath, randomActionInput } from "../cases/case-property-kit";
import { rebuildTally } from "./rebuild-tally";
import { recountTally, tallyKey } from "./recount-tally";

/**
 * Rollup = recount (issue 13.2): after random sequences of reports (at sites of three industries — the
 * hazards by industry dimension — or at no site), case actions by capable actors, clock
 * jumps (minutes to days, so steps go late) and deadline-job passes (automatic escalation), the rollup the
 * commands kept in their transactions equals the one recounted from the trail, row by row, on both databases:
 * event by event in JS, and by the set-based SQL recount the rebuild writes (db/queries/case-tally-rebuild-queries).
 */
const who = ["lead", "market", "worker", "station", "county", "committee"];
const nonZero = (t: CaseTally) => tallyMetrics.some((m) => t[m] !== 0);
const pick = (t: CaseTally) =>
  Object.fromEntries(tallyMetrics.filter((m) => t[m] !== 0).map((m) => [m, t[m]]));

eachCaseWorld("rollup equals recount (property)", (w) => {
  it("after random command sequences the rollup equals a full recount from the trail", async () => {
    const runs = w.dialect === "sqlite" ? 12 : 10;
    // sites of the village with a class (C: manufacturing), a division (F: retail) and a section code
    const sites: [string, string][] = [
      ["tally-site-c", "1311"],
      ["tally-site-f", "52"],
      ["tally-site-h", "H"],
    ];
    for (const [id, industryCode] of sites) {
      await insertTestSite(w.deps, {
        id,
        regionCode: village,
        lon: 104.1146,
        lat: 35.8457,
        departmentId: null,
      });
      await w.deps.db.updateTable("site").set({ industryCode }).where("id", "=", id).execute();
    }
    let done = 0;
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ jump: fc.nat(9), n: fc.nat(11), m: fc.nat(19), job: fc.boolean() }), {
          minLength: 4,
          maxLength: 24,
        }),
        async (steps) => {
          const at = [...sites.map(([siteId]) => ({ siteId })), {}][reports++ % 4];
          const id = await w.report(at, ["worker", "committee"][steps.length % 2]);
          for (const s of steps) {
            // Mostly minutes, sometimes days: some steps are done after their deadline.
            w.deps.clock.advance(
              s.jump < 7 ? { minutes: 20 * (s.jump + 1) } : { hours: 72 * 2 ** (s.jump - 7) },
            );
            if (s.job && s.jump > 7) await runDeadlineJob(w.deps);
            const kase = rowToCase((await findCaseRow(w.deps.db, id))!);
            const allowed = allowedActions(kase.stage).filter(
              (a) => a !== "merge" && who.some((u) => caseAbilities(w.actors[u], kase)[a]),
            );
            // Mostly the way through the loop (so sequences reach closing), sometimes any allowed step.
            const main = mainPath.filter((a) => allowed.includes(a));
            const choices = s.n % 4 !== 0 && main.length ? main : allowed;
            const action = choices[s.n % Math.max(1, choices.length)];
            if (!action) continue;
            const capable = who.filter((u) => caseAbilities(w.actors[u], kase)[action]);
            if (capable.length === 0) continue;
            const name = capable[s.n % capable.length];
            try {
              await actOnCase(
                w.deps,
                w.actors[name],
                id,
                action,
                await randomActionInput(w, action, name, s.m),
              );
              done++;
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
            }
          }
          const kept = new Map(
            (await allTallyRows(w.deps.db)).filter(nonZero).map((r) => [tallyKey(r), pick(r)] as const),
          );
          const recount = await recountTally(w.deps.db, w.deps.calendar);
          const again = new Map(
            [...recount].filter(([, t]) => nonZero(t)).map(([k, t]) => [k, pick(t)] as const),
          );
          expect(Object.fromEntries(kept)).toEqual(Object.fromEntries(again));
          const sqlDiff = await sqlRecountDiff(w);
          expect(sqlDiff.sample).toEqual([]);
          expect(sqlDiff.recounted).toBe(kept.size);
        },
      ),
      { numRuns: runs, seed: 20261206 },
    );
    expect(done).toBeGreaterThan(runs * 2);
    // The sequences reached late steps and closings (the counters the timeliness rates are made of).
    const rows = await allTallyRows(w.deps.db);
    const county = rows.filter((r) => r.regionCode === "620123" && r.grain === "m" && r.dim === "");
    const sum = (m: keyof CaseTally) => county.reduce((a, r) => a + r[m], 0);
    expect(sum("reported")).toBeGreaterThanOrEqual(runs);
    expect(sum("late")).toBeGreaterThan(0);
    expect(sum("closed")).toBeGreaterThan(0);
    // and reports were counted under their sites' industries (and none)
    const industries = new Set(
      rows
        .filter((r) => r.regionCode === "620123" && r.dim === "industry" && r.reported > 0)
        .map((r) => r.dimValue),
    );
    expect([...industries].sort()).toEqual(["", "C", "F", "H"]);
  }, 300_000);

  it("the rebuild repairs a damaged rollup and the cases' counts of late steps", async () => {
    const before = await normalised(w);
    const lateBefore = await lateSteps(w);
    expect(Object.values(lateBefore).some((n) => n > 0)).toBe(true);
    await w.deps.db.deleteFrom("caseTally").where("grain", "=", "d").where("level", "=", 9).execute();
    await w.deps.db.updateTable("caseTally").set({ closed: 99, handlingHours: 1e6 }).execute();
    await w.deps.db.insertInto("caseTally").values(stray).execute();
    await w.deps.db.updateTable("caseRecord").set({ lateSteps: 7 }).execute();
    expect((await sqlRecountDiff(w)).differing).toBeGreaterThan(0);
    const written = await rebuildTally(w.deps);
    expect(written).toBe(Object.keys(before).length);
    expect(await normalised(w)).toEqual(before);
    expect(await lateSteps(w)).toEqual(lateBefore);
    expect((await sqlRecountDiff(w)).differing).toBe(0);
  }, 120_000);
});

const stray = {
  regionCode: "620102",
  level: 6,
  grain: "m",
  period: "2020-01",
  dim: "",
  dimValue: "",
  ...Object.fromEntries(tallyMetrics.map((m) => [m, 0])),
  reported: 3,
} as CaseTallyTable;

/** The SQL recount of both test counties against the stored rollup. */
async function sqlRecountDiff(w: Parameters<Parameters<typeof eachCaseWorld>[1]>[0]) {
  return w.deps.db.transaction().execute(async (tx) => {
    await prepareTallyRecount(tx, w.deps.calendar);
    const a = await countyTallyDiff(tx, "620123", w.deps.calendar);
    const b = await countyTallyDiff(tx, "620102", w.deps.calendar);
    return {
      recounted: a.recounted + b.recounted,
      differing: a.differing + b.differing,
      sample: [...a.sample, ...b.sample],
    };
  });
}

/** Non-zero rollup rows by key, hours to 3 decimals (SQL sums them in another order). */
async function normalised(w: Parameters<Parameters<typeof eachCaseWorld>[1]>[0]) {
  const rows = (await allTallyRows(w.deps.db)).filter(nonZero);
  return Object.fromEntries(
    rows.map((r) => [
      tallyKey(r),
      Object.fromEntries(tallyMetrics.map((m) => [m, Math.round(r[m] * 1000) / 1000])),
    ]),
  );
}

async function lateSteps(w: Parameters<Parameters<typeof eachCaseWorld>[1]>[0]) {
  const rows = await w.deps.db.selectFrom("caseRecord").select(["id", "lateSteps"]).execute();
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.lateSteps)]));
}
