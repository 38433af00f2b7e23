import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { findUserByUsername } from "../../db/queries/user-queries";
import { createTestDatabase, testDialects } from "../../db/test-db";
import type { Actor } from "../../domain/auth/actor";
import type { Role } from "../../domain/auth/roles";
import { myTargets } from "../commands/provider/engaged-work";
import { listServiceOrgs } from "../commands/provider/service-orgs";
import { loadRegions } from "../commands/regions/load-regions";
import { seedRoutingRules } from "../commands/routing/seed-routing-rules";
import { testDeps } from "../test/fixtures";
import { createDemo } from "./create-demo";
import { demoCases } from "./demo-cases";
import { demoGrids } from "./demo-grids";
import { demoOrgName, demoProviders } from "./demo-providers";
import { demoSites } from "./demo-sites";

const places = { province: "62", city: "6201", county: "620123", township: "", village: "" };

/** The demo county's service organisation (R27): signing in as `provider` shows engaged sites and a case. */
for (const dialect of testDialects())
  describe(`demo providers [${dialect}]`, () => {
    let database: Database;
    let deps: ReturnType<typeof testDeps>;
    const actor = async (username: string): Promise<Actor> => {
      const u = (await findUserByUsername(deps.db, username))!;
      return { ...u, role: u.role as Role, scope: JSON.parse(u.scope) as string[] };
    };
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      deps = testDeps(database);
      await loadRegions(deps, "62");
      await seedRoutingRules(deps);
      await createDemo(deps, {
        fixedPassword: "Demo-Pass-2026x",
        steps: [demoGrids, demoSites, demoCases, demoProviders],
      });
      await demoProviders(deps, places); // a second run adds nothing
    }, 240_000);
    afterAll(() => database?.close());

    it(`[${dialect}] seeds one organisation with a valid and an expired expert, once`, async () => {
      const { items } = await listServiceOrgs(deps, await actor("county"));
      const orgs = items.filter((o) => o.name === demoOrgName);
      expect(orgs).toHaveLength(1);
      expect(orgs[0].experts.map((e) => e.qualificationValid).sort()).toEqual([false, true]);
      const provider = await findUserByUsername(deps.db, "provider");
      expect(orgs[0].experts.find((e) => e.qualificationValid)?.userId).toBe(provider?.id);
    });

    it(`[${dialect}] gives the provider account an active engagement: three sites to assess, one open case`, async () => {
      const { items } = await myTargets(deps, await actor("provider"));
      expect(items.filter((t) => t.kind === "site")).toHaveLength(3);
      const cases = items.filter((t) => t.kind === "case");
      expect(cases).toHaveLength(1);
      expect(cases[0].caseStage).toBe("handling");
    });
  });
