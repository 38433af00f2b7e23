import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { eachApi } from "../test/api-harness";
import { createDemo } from "./create-demo";
import { demoCases } from "./demo-cases";

eachApi("demo cases", (ctx) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-demo-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fills the demo county with a few hundred cases over every stage, some overdue, one major hazard listed", async () => {
    ctx.deps.config.dataDir = dir;
    // How long this takes is measured by `npm run bench -- demo`, not asserted here.
    await createDemo(ctx.deps, { fixedPassword: "Demo-Pass-2026x", steps: [demoCases] });
    const rows = await ctx.database.db
      .selectFrom("caseRecord")
      .selectAll()
      .where("countyCode", "=", "620123")
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(250);
    const stages = new Set(rows.map((r) => r.stage));
    for (const s of [
      "reported",
      "triaged",
      "dispatched",
      "handling",
      "parked",
      "awaiting_recheck",
      "rechecked",
      "closed",
      "rejected",
    ])
      expect(stages, s).toContain(s);
    const now = ctx.deps.clock.now().toISOString();
    expect(rows.filter((r) => r.open === 1 && r.deadline && r.deadline < now).length).toBeGreaterThan(10);
    const major = rows.filter((r) => r.type === "major_hazard" && r.escalated === 1 && r.open === 1);
    expect(major.length).toBeGreaterThanOrEqual(1);
    expect(major[0].plan).not.toBeNull();
    expect(rows.some((r) => r.returnCount > 0 && r.stage === "triaged")).toBe(true);
    expect(rows.some((r) => r.reworkCount > 0 && r.stage === "closed")).toBe(true);
    expect((await verifyTrail(ctx.deps.db)).ok).toBe(true);
    // Running the step again adds nothing.
    await demoCases(ctx.deps, {
      province: "62",
      city: "6201",
      county: "620123",
      township: "620123100",
      village: "620123100001",
    });
    const again = await ctx.database.db
      .selectFrom("caseRecord")
      .select("id")
      .where("countyCode", "=", "620123")
      .execute();
    expect(again).toHaveLength(rows.length);
  });
});
