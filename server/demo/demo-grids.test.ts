import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { createTestDatabase } from "../../db/test-db";
import type { Areal } from "../../domain/geo/geometry";
import { area } from "../../domain/geo/geometry";
import { outsideBoundary, validateGridGeometry } from "../../domain/geo/validate-geometry";
import { siteKinds } from "../../domain/site/site-kinds";
import { checkUscc } from "../../domain/site/uscc";
import { coverage } from "../commands/coverage/coverage";
import { staffing } from "../commands/coverage/staffing";
import { countyBoundary } from "../commands/grids/grid-geometry";
import { regionOverlaps } from "../commands/grids/grid-overlaps";
import { loadRegions } from "../commands/regions/load-regions";
import { seedRoutingRules } from "../commands/routing/seed-routing-rules";
import { testDeps } from "../test/fixtures";
import { createDemo } from "./create-demo";
import { demoGrids, ungriddedTownship } from "./demo-grids";
import { demoSites } from "./demo-sites";

let database: Database;
let deps: ReturnType<typeof testDeps>;

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  deps = testDeps(database);
  await loadRegions(deps, "62");
  await seedRoutingRules(deps);
  // How long this takes is measured by `npm run bench -- demo`, not asserted here.
  await createDemo(deps, { fixedPassword: "Demo-Pass-2026x", steps: [demoGrids, demoSites] });
}, 60_000);
afterAll(() => database?.close());

it("generates the demo county's grids inside its real boundary, valid and without overlaps", async () => {
  const grids = await deps.db.selectFrom("grid").selectAll().where("code", "like", "620123%").execute();
  expect(grids.length).toBeGreaterThan(250);
  const boundary = (await countyBoundary(deps.db, "620123"))!;
  let total = 0;
  for (const g of grids) {
    const geometry = JSON.parse(g.geojson) as Areal;
    expect(validateGridGeometry(geometry), g.code).toEqual([]);
    expect(outsideBoundary({ code: g.code, geometry }, boundary, { toleranceDeg: 1e-6 }), g.code).toEqual([]);
    total += area(geometry);
  }
  expect(await regionOverlaps(deps, "620123")).toEqual([]);
  // every township but one is covered: the grids fill most of the county
  expect(total / area(boundary)).toBeGreaterThan(0.9);
  expect(grids.some((g) => g.code.startsWith(ungriddedTownship))).toBe(false);
  expect(grids.filter((g) => g.kind === "industrial_park").map((g) => g.name)).toEqual(["和平工业园区网格"]);
  const village = grids.find((g) => g.code === "620123100201001")!;
  expect(village).toMatchObject({ name: "兴隆山村网格", kind: "village", regionCode: "620123100201" });
});

it("staffs the grids with grid workers, leaving a few gaps, and fills them with sites of every kind", async () => {
  const county = {
    id: "x",
    username: "c",
    displayName: "c",
    role: "county_office" as const,
    scope: ["620123"],
    departmentId: null,
  };
  const c = await coverage(deps, county, "620123");
  expect(c.totals.sites).toBeGreaterThan(2500);
  expect(c.totals.gridsWithoutWorker).toBeGreaterThan(0);
  expect(c.totals.gridsWithoutWorker).toBeLessThan(c.totals.grids / 5);
  expect(c.totals.sitesOutsideGrids).toBeGreaterThan(0);
  expect(c.totals.sitesWithoutLocation).toBeGreaterThan(0);
  expect(c.totals.directSites).toBeGreaterThan(0);
  expect(c.totals.percentages.sitesWithGrid).toBeGreaterThan(85);
  expect(c.children.find((t) => t.code === ungriddedTownship)).toMatchObject({
    grids: 0,
    percentages: { sitesWithGrid: 0 },
  });
  const kinds = await deps.db.selectFrom("site").select("kind").distinct().execute();
  expect(kinds.map((k) => k.kind).sort()).toEqual([...siteKinds].sort());
  const enterprises = await deps.db
    .selectFrom("site")
    .select(["uscc", "name"])
    .where("kind", "=", "enterprise")
    .execute();
  expect(enterprises.every((e) => e.uscc && checkUscc(e.uscc).ok)).toBe(true);
  const gas = await deps.db
    .selectFrom("site")
    .select(["direct", "directRule"])
    .where("industryCode", "=", "5265")
    .where("ownership", "=", "central_soe")
    .execute();
  expect(gas.length).toBeGreaterThan(0);
  expect(gas.every((g) => g.directRule !== "state_owned")).toBe(true);
  const worker = await deps.db
    .selectFrom("gridWorker")
    .innerJoin("appUser", "appUser.id", "gridWorker.userId")
    .select("gridWorker.gridId")
    .where("appUser.username", "=", "worker")
    .execute();
  expect(worker).toHaveLength(1);
  // the crowded commercial zone is overloaded, with a suggested split
  const over = await staffing(deps, county, { status: "over", page: 1, pageSize: 50 });
  const zone = over.items.find((i) => i.grid.name === "城关商贸区网格");
  expect(zone?.ratio).toBeGreaterThan(1);
  expect(zone?.suggestedSplit).toBeGreaterThan(1);
});
