import fc from "fast-check";
import { expect, it } from "vitest";
import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { listSubjectEvents, verifyTrail } from "../../../db/queries/event-queries";
import { allowedActions, caseTargets } from "../../../domain/case/case-machine";
import { caseAbilities } from "../../../domain/case/case-policy";
import { caseActions } from "../../../domain/case/case-types";
import { AppError } from "../../../domain/errors";
import { actOnCase } from "./act-on-case";
import { eachCaseWorld } from "./case-command-kit";
import { mainPath, randomActionInput } from "./case-property-kit";

/**
 * Command-level property: random actions by random actors on real cases, through `actOnCase` (lock,
 * policy, machine, database checks, persistence, trail). After every step: a success was allowed by the
 * table and the actor's abilities; a failure changed nothing; a case is closed at most once per opening;
 * a closed hazard has a passing re-check by someone other than its handler; an owner is always set; a
 * returned case sits in triage with the lead department. At the end the trail verifies.
 */
const who = ["lead", "market", "worker", "station", "county", "auditor", "committee", "other_county"];

eachCaseWorld("case commands (property)", (w) => {
  it("random sequences keep the invariants", async () => {
    const other = await w.report();
    const stats = { ok: 0, closed: 0 };
    const runs = w.dialect === "sqlite" ? 40 : 15;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            mode: fc.nat(9),
            action: fc.constantFrom(...caseActions),
            who: fc.constantFrom(...who),
            pick: fc.nat(11),
          }),
          {
            minLength: 5,
            maxLength: 40,
          },
        ),
        async (steps) => {
          const id = await w.report();
          let openings = 1;
          let closings = 0;
          for (const s of steps) {
            w.deps.clock.advance({ minutes: 7 });
            const before = (await findCaseRow(w.deps.db, id))!;
            const kase = rowToCase(before);
            // Mostly steps the case could take (so sequences get far), sometimes anything by anyone.
            const allowed = allowedActions(kase.stage);
            const onward = allowed.filter((a) => !["reject", "merge", "escalate"].includes(a));
            const main = mainPath.filter(
              (a) => allowed.includes(a) && who.some((u) => caseAbilities(w.actors[u], kase)[a]),
            );
            const choices = s.mode < 4 && main.length ? main : s.mode < 6 && onward.length ? onward : allowed;
            const action = s.mode < 7 && choices.length ? choices[s.pick % choices.length] : s.action;
            const capable = who.filter((u) => caseAbilities(w.actors[u], kase)[action]);
            const name = s.mode < 6 && capable.length ? capable[s.pick % capable.length] : s.who;
            const actor = w.actors[name];
            const able = caseAbilities(actor, kase)[action];
            const input = await randomActionInput(w, action, name, s.pick, other);
            try {
              const out = await actOnCase(w.deps, actor, id, action, input);
              stats.ok++;
              expect(able).toBe(true);
              expect(caseTargets(kase.stage, action)).toContain(out.body.case.stage);
              if (out.body.case.stage === "closed") closings++;
              if (action === "reopen") openings++;
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              expect([403, 404, 409, 422]).toContain(err.status);
              expect(await findCaseRow(w.deps.db, id)).toEqual(before);
            }
            const after = rowToCase((await findCaseRow(w.deps.db, id))!);
            expect(closings).toBeLessThanOrEqual(openings);
            expect(after.ownerDepartmentId).toBeTruthy();
            if (after.stage === "closed" && after.closeReason === "resolved") {
              expect(after.lastRecheck?.passed).toBe(true);
              expect(after.lastRecheck?.by).not.toBe(after.handlerId);
              expect(after.lastRecheck?.by).not.toBe(after.lastFeedbackBy);
              if (after.type === "major_hazard") expect(after.onsiteAcceptance?.passed).toBe(true);
            }
            if (action === "return" && after.stage === "triaged")
              expect(after.ownerDepartmentId).toBe(after.leadDepartmentId);
          }
          stats.closed += closings;
          const events = await listSubjectEvents(w.deps.db, "case", id);
          expect(events.filter((e) => e.action === "case.closed").length).toBeLessThanOrEqual(openings);
        },
      ),
      // A fixed seed: the same sequences on every run, so the "reaches far" check below cannot flake
      // (the pure machine's property test explores 200 runs; change the seed to explore other sequences).
      { numRuns: runs, seed: 20261129 },
    );
    // The generator reaches far into the loop: many actions succeed and cases get closed.
    expect(stats.ok).toBeGreaterThan(runs * 3);
    expect(stats.closed).toBeGreaterThan(0);
    expect((await verifyTrail(w.deps.db)).ok).toBe(true);
  }, 240_000);
});
