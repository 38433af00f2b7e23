import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { as } from "../routes/case-test-kit";
import { realUscc, siteBody } from "../routes/grid-test-fixtures";
import { eachApi } from "../test/api-harness";
import { createDemo } from "./create-demo";
import { demoChecklists } from "./demo-checklists";

eachApi("demo checklists", (ctx) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-demo-cl-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("revises one default in the demo county and records a few runs, one reported as one case", async () => {
    ctx.deps.config.dataDir = dir;
    // Sites of the worker's village (the demo's grids and sites step is proven in demo-grids.test.ts).
    for (const [kind, name, uscc] of [
      ["small_shop", "兴隆小吃店", null],
      ["enterprise", "兴隆建材有限公司", realUscc[1]],
      ["household", "李家", null],
    ] as const) {
      const res = await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/sites",
        payload: siteBody({ kind, name, uscc, industryCode: kind === "enterprise" ? "3011" : null }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await createDemo(ctx.deps, { fixedPassword: "Demo-Pass-2026x", steps: [demoChecklists] });
    const db = ctx.database.db;
    const versions = await db
      .selectFrom("checklistTemplate")
      .selectAll()
      .where("countyCode", "=", "620123")
      .execute();
    expect(versions.map((v) => [v.id, v.version])).toEqual([["default-small-venue", 2]]);
    const runs = await db.selectFrom("checklistRun").selectAll().where("countyCode", "=", "620123").execute();
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.some((r) => JSON.parse(r.flags).includes("checklist_changed"))).toBe(true);
    const reported = runs.filter((r) => JSON.parse(r.reports).length > 0);
    expect(reported).toHaveLength(1);
    const caseId = JSON.parse(reported[0].reports)[0].caseId;
    const kase = await db
      .selectFrom("caseRecord")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(kase.description).toContain("不符合项");
    // a second run of the step adds nothing
    await demoChecklists(ctx.deps, {
      province: "62",
      city: "6201",
      county: "620123",
      township: "",
      village: "",
    });
    expect(await db.selectFrom("checklistRun").select("id").execute()).toHaveLength(runs.length);
    expect((await verifyTrail(db)).ok).toBe(true);
  }, 300_000);
});
