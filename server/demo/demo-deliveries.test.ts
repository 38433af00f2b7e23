import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/db";
import { createTestDatabase, testDialects } from "../../db/test-db";
import type { Actor } from "../../domain/auth/actor";
import { listDeliveriesFor, readDelivery } from "../commands/deliveries/read-delivery";
import { loadRegions } from "../commands/regions/load-regions";
import { seedRoutingRules } from "../commands/routing/seed-routing-rules";
import { testDeps } from "../test/fixtures";
import { createDemo } from "./create-demo";
import { demoDeliveries } from "./demo-deliveries";
import { demoGrids } from "./demo-grids";
import { demoSites } from "./demo-sites";

/** The demo county's deliveries (R15): the gas-station notice mostly recorded, the village notice just sent. */
for (const dialect of testDialects())
  describe(`demo deliveries [${dialect}]`, () => {
    let database: Database;
    let deps: ReturnType<typeof testDeps>;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      deps = testDeps(database);
      await loadRegions(deps, "62");
      await seedRoutingRules(deps);
      await createDemo(deps, {
        fixedPassword: "Demo-Pass-2026x",
        steps: [demoGrids, demoSites, demoDeliveries],
      });
      // a second run adds nothing
      await demoDeliveries(deps, {
        province: "62",
        city: "6201",
        county: "620123",
        township: "",
        village: "",
      });
    }, 180_000);
    afterAll(() => database?.close());

    it(`[${dialect}] sends the market regulator's notice to every gas station, with delivered and refused records`, async () => {
      const market = await deps.db
        .selectFrom("appUser")
        .selectAll()
        .where("username", "=", "market")
        .executeTakeFirstOrThrow();
      const actor: Actor = { ...market, role: "cooperating_department", scope: JSON.parse(market.scope) };
      const list = await listDeliveriesFor(deps, actor, 1, 20);
      expect(list.items.map((d) => d.title)).toEqual(["关于加强加油站冬季安全管理的通知"]);
      const d = await readDelivery(deps, actor, list.items[0].id);
      const stations = await deps.db
        .selectFrom("site")
        .select("id")
        .where("industryCode", "=", "5265")
        .where("status", "!=", "closed")
        .where("regionCode", "like", "620123%")
        .execute();
      expect(d.targets.length).toBe(stations.length);
      expect(d.progress.delivered).toBeGreaterThan(0);
      expect(d.progress.refused).toBeGreaterThan(0);
      expect(d.progress.pending).toBeGreaterThan(0);
      const refused = d.targets.find((t) => t.status === "refused")!;
      expect(refused.record?.reason).toBeTruthy();
      const delivered = d.targets.find((t) => t.status === "delivered")!;
      expect(delivered.record?.evidenceIds).toHaveLength(1);
      expect(delivered.record?.recordedBy.displayName).toBeTruthy();
    });
  });
