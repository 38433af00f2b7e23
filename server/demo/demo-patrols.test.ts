import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { verifyTrail } from "../../db/queries/event-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import type { Actor } from "../../domain/auth/actor";
import { myPatrols } from "../commands/patrols/my-patrols";
import { patrolCoverage } from "../commands/patrols/patrol-coverage";
import { loadRegions } from "../commands/regions/load-regions";
import { seedRoutingRules } from "../commands/routing/seed-routing-rules";
import { testDeps } from "../test/fixtures";
import { createDemo } from "./create-demo";
import { demoGrids } from "./demo-grids";
import { demoPatrols } from "./demo-patrols";
import { demoSites } from "./demo-sites";

for (const dialect of testDialects()) {
  let database: Database;
  let deps: ReturnType<typeof testDeps>;
  const places = {
    province: "62",
    city: "6201",
    county: "620123",
    township: "620123100",
    village: "620123100001",
  };
  const countyOffice = {
    id: "x",
    role: "county_office",
    scope: ["620123"],
    departmentId: null,
  } as unknown as Actor;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    deps = testDeps(database);
    await loadRegions(deps, "62");
    await seedRoutingRules(deps);
    await createDemo(deps, { fixedPassword: "Demo-Pass-2026x", steps: [demoGrids, demoSites, demoPatrols] });
  }, 240_000);
  afterAll(() => database?.close());

  it(`[${dialect}] gives the demo county patrol records, so coverage is neither empty nor full`, async () => {
    const c = await patrolCoverage(deps, countyOffice, { region: "620123" });
    expect(c.totals.sites).toBeGreaterThan(1000);
    expect(c.totals.coverage).toBeGreaterThan(30);
    expect(c.totals.coverage).toBeLessThan(95);
    expect(c.totals.overdue).toBeGreaterThan(0);
    expect(c.missed.items.length).toBeGreaterThan(0);
    // townships differ (each grid has its own diligence)
    const shares = new Set(c.children.filter((t) => t.sites > 0).map((t) => t.coverage));
    expect(shares.size).toBeGreaterThan(3);
    expect((await verifyTrail(deps.db)).ok).toBe(true);
    // the demo grid worker (周明) has a patrol list, with sites in more than one state
    const worker = await database.db
      .selectFrom("appUser")
      .select(["id", "role", "scope"])
      .where("username", "=", "worker")
      .executeTakeFirstOrThrow();
    const mine = await myPatrols(deps, {
      id: worker.id,
      role: worker.role,
      scope: JSON.parse(worker.scope),
      departmentId: null,
    } as unknown as Actor);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.status)).size).toBeGreaterThan(1);
    // running the step again adds nothing
    const before = await database.db.selectFrom("patrol").select("id").execute();
    await demoPatrols(deps, places);
    expect(await database.db.selectFrom("patrol").select("id").execute()).toHaveLength(before.length);
  }, 120_000);
}
