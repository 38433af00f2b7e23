/**
 * Demo data benchmark (moved out of the unit tests, which assert what the demo makes, not how fast): on a
 * fresh embedded database with Gansu's regions, how long the demo county's grids and sites take
 * (target ≤ 10 s) and its few hundred cases (target ≤ 20 s). Figures: grids_sites_s, cases_s, and whether each
 * met its target. Run: `npm run bench -- demo` — prints one line of JSON.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../db/db";
import { migrateToLatest } from "../db/migrate";
import { loadRegions } from "../server/commands/regions/load-regions";
import { seedRoutingRules } from "../server/commands/routing/seed-routing-rules";
import { createDemo } from "../server/demo/create-demo";
import { demoCases } from "../server/demo/demo-cases";
import { demoGrids } from "../server/demo/demo-grids";
import { demoSites } from "../server/demo/demo-sites";
import { testDeps } from "../server/test/fixtures";

const targets = { gridsSitesSeconds: 10, casesSeconds: 20 };

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sg-bench-demo-"));
  const database = openDatabase({ file: path.join(dir, "safegrid.db") });
  try {
    await migrateToLatest(database);
    const deps = testDeps(database);
    deps.config.dataDir = dir;
    await loadRegions(deps, "62");
    await seedRoutingRules(deps);
    const seconds = async (work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      return Math.round(performance.now() - t) / 1000;
    };
    const fixedPassword = "Demo-Pass-2026x";
    const gridsSites = await seconds(() =>
      createDemo(deps, { fixedPassword, steps: [demoGrids, demoSites] }),
    );
    const cases = await seconds(() => createDemo(deps, { fixedPassword, steps: [demoCases] }));
    return {
      dialect: "sqlite",
      grids_sites_s: gridsSites,
      grids_sites_target_s: targets.gridsSitesSeconds,
      grids_sites_met: gridsSites <= targets.gridsSitesSeconds,
      cases_s: cases,
      cases_target_s: targets.casesSeconds,
      cases_met: cases <= targets.casesSeconds,
    };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
