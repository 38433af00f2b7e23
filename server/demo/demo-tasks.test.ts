import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { as } from "../routes/case-test-kit";
import { eachApi } from "../test/api-harness";
import { createDemo } from "./create-demo";
import { demoTasks } from "./demo-tasks";

eachApi("demo task records and training", (ctx) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-demo-tasks-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("gives the demo county a task kind of its own, a month of records and two training sessions, once", async () => {
    ctx.deps.config.dataDir = dir;
    await createDemo(ctx.deps, { fixedPassword: "Demo-Pass-2026x", steps: [demoTasks] });
    const kinds = await as(ctx, "worker", { method: "GET", url: "/api/v1/task-kinds" });
    expect(kinds.json().map((k: { code: string }) => k.code)).toEqual([
      "outreach",
      "assistance",
      "gas_household",
    ]);
    const records = await as(ctx, "county", { method: "GET", url: "/api/v1/task-records?pageSize=200" });
    expect(records.json().total).toBe(48);
    const kindsUsed = new Set(records.json().items.map((r: { kindCode: string }) => r.kindCode));
    expect([...kindsUsed].sort()).toEqual(["assistance", "gas_household", "outreach"]);
    const trainings = await as(ctx, "county", { method: "GET", url: "/api/v1/trainings" });
    expect(
      trainings
        .json()
        .items.map((t: { attendees: number }) => t.attendees)
        .sort(),
    ).toEqual([0, 2]);
    expect((await verifyTrail(ctx.deps.db)).ok).toBe(true);
    await demoTasks(ctx.deps, {
      province: "62",
      city: "6201",
      county: "620123",
      township: "620123100",
      village: "620123100001",
    });
    const again = await as(ctx, "county", { method: "GET", url: "/api/v1/task-records?pageSize=1" });
    expect(again.json().total).toBe(48);
  });
});
