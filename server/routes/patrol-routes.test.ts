import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { testPatrolRow } from "../../db/test-rows";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, realUscc, siteBody } from "./grid-test-fixtures";

/**
 * Patrols (R22): check-in, the worker's list, the site's records and coverage on a fixture whose answers
 * are worked out by hand below. The test clock stands at Monday 2026-11-30 10:00 Shanghai (02:00 UTC), so:
 * week from Mon 2026-11-30 (UTC 11-29T16:00), previous week from 11-23; fortnight from Mon 11-23
 * (day 20780; (20780 - 4) % 14 = 0), previous from 11-09; month from 11-01, previous from 10-01; quarter from
 * 10-01, previous from 07-01; year from 2026-01-01, previous from 2025-01-01.
 */
eachApi("patrols: check-in, my list, site records, coverage", (ctx) => {
  const ids: Record<string, string> = {};
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const post = (user: string, payload: Record<string, unknown>) =>
    ctx.as(user, { method: "POST", url: "/api/v1/patrols", payload });
  const site = async (key: string, over: Record<string, unknown>, createdAt = "2026-01-01T00:00:00.000Z") => {
    const res = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ uscc: null, kind: "small_shop", industryCode: "5211", name: key, ...over }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json().id;
    await ctx.deps.db.updateTable("site").set({ createdAt }).where("id", "=", ids[key]).execute();
  };
  /** A past visit, stored as the server would have (received at `at`). */
  const visited = (key: string, at: string) =>
    ctx.deps.db
      .insertInto("patrol")
      .values(
        testPatrolRow({
          id: randomUUID(),
          siteId: ids[key],
          regionCode: "620123100001",
          gridId: null,
          userId: ctx.users.worker.id,
          at,
        }),
      )
      .execute();
  const inA = { lon: 104.015, lat: 35.815, regionCode: "620123100001" };
  const inB = { lon: 104.03, lat: 35.81, regionCode: "620123100002" };
  const near = { lng: 104.0151, lat: 35.8151, accuracy: 8 };
  /** A red (重大风险) site is supervised directly unless the county keeps it in the grid. */
  const kept = { highRisk: false };

  beforeAll(async () => {
    grids = await createFixtureGrids(ctx);
    const staff = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "full_time" }] },
    });
    expect(staff.statusCode, staff.body).toBe(200);
    await site("a1", { ...inA, kind: "small_workshop", riskLevel: "red", flags: kept }); // weekly: checked in below -> done
    await site("a2", { ...inA, riskLevel: "red", flags: kept }); // weekly, visited last week -> due
    await site("a3", { ...inA, riskLevel: "orange" }); // fortnightly, visited in the previous one -> due
    await site("a4", { ...inA, riskLevel: "yellow" }); // monthly, never -> overdue
    await site("b1", { ...inB, riskLevel: "blue" }); // quarterly, visited 10-15 -> done
    await site("b2", { ...inB, kind: "household", industryCode: null, riskLevel: "blue" }); // yearly -> done
    await site("b3", { ...inB, riskLevel: "yellow" }, "2026-10-10T00:00:00.000Z"); // new last month -> due
    await site("b4", { ...inB, riskLevel: "yellow", status: "closed" }); // closed: not counted
    await site("direct", { ...inA, kind: "enterprise", uscc: realUscc[0], ownership: "provincial_soe" });
    await site("hole", { lon: 104.0075, lat: 35.8075, regionCode: "620123100001" }); // no grid, overdue
    await site("far", { lon: null, lat: null, regionCode: "620123101201", riskLevel: "blue" }); // overdue
    await visited("a2", "2026-11-25T03:00:00.000Z");
    await visited("a3", "2026-11-20T03:00:00.000Z");
    await visited("a4", "2026-09-20T03:00:00.000Z");
    await visited("b1", "2026-10-15T03:00:00.000Z");
    await visited("b2", "2026-03-01T03:00:00.000Z");
  });

  it("records a check-in with its distance, once per phone id, and flags without refusing", async () => {
    const id = randomUUID();
    const body = {
      id,
      siteId: ids.a1,
      at: "2026-11-30T09:58:00+08:00",
      location: near,
      note: "消防通道畅通",
    };
    const first = await post("worker", body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id, flags: [], receivedAt: "2026-11-30T02:00:00.000Z" });
    expect(first.json().distanceM).toBeGreaterThan(5);
    expect(first.json().distanceM).toBeLessThan(30);
    const again = await post("worker", body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const changed = await post("worker", { ...body, note: "另一条" });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_key_reused");
    const rows = await ctx.deps.db.selectFrom("patrol").selectAll().where("id", "=", id).execute();
    expect(rows).toHaveLength(1);

    // far away, poor and mock location, a clock an hour ahead: recorded and flagged (on the direct-supervision
    // site, which the coverage figures leave out)
    const odd = await post("committee", {
      id: randomUUID(),
      siteId: ids.direct,
      at: "2026-11-30T03:00:00.000Z",
      location: { lng: 104.1, lat: 35.9, accuracy: 500, mock: true },
    });
    expect(odd.statusCode, odd.body).toBe(201);
    expect(odd.json().flags).toEqual(["far_from_site", "poor_accuracy", "mock_location", "clock_skew"]);
    const blind = await post("worker", { id: randomUUID(), siteId: ids.direct, at: "2026-11-30T01:00:00Z" });
    expect(blind.json()).toMatchObject({ flags: ["no_location"], distanceM: null });
  });

  it("answers bad input, an unknown or moved-away site and the wrong role with clear codes", async () => {
    const bad = await post("worker", { id: "not-a-uuid", siteId: ids.a1, at: "yesterday" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("validation_failed");
    const gone = await post("worker", {
      id: randomUUID(),
      siteId: "no-such-site",
      at: "2026-11-30T01:00:00Z",
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: "site_not_found" });
    expect(gone.json().message).toContain("调出您的辖区");
    // b1 lies in another village than the worker's scope (as after a reassignment while offline)
    const moved = await post("worker", { id: randomUUID(), siteId: ids.b1, at: "2026-11-30T01:00:00Z" });
    expect(moved.json().code).toBe("site_not_found");
    const office = await post("county", { id: randomUUID(), siteId: ids.a1, at: "2026-11-30T01:00:00Z" });
    expect(office.statusCode).toBe(403);
  });

  it("shows the check-in on the site file and in the site's patrol records", async () => {
    const file = await get("county", `/api/v1/sites/${ids.a1}/file`);
    const patrolled = file.json().events.filter((e: { action: string }) => e.action === "site.patrolled");
    expect(patrolled).toHaveLength(1);
    expect(patrolled[0]).toMatchObject({ actionLabel: "巡查签到" });
    expect(patrolled[0].summary).toContain("m");
    const list = await get("county", `/api/v1/sites/${ids.a1}/patrols`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ user: { displayName: "测试worker" }, note: "消防通道畅通" });
    expect((await get("other_county", `/api/v1/sites/${ids.a1}/patrols`)).statusCode).toBe(404);
  });

  it("lists the worker's sites: overdue first, then due, then done", async () => {
    const res = await get("worker", "/api/v1/patrols/mine");
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.period).toMatchObject({ from: "2026-11-29T16:00:00.000Z", lastDay: "2026-12-06" });
    const byName = Object.fromEntries(
      mine.items.map((i: { siteId: string }) => [Object.keys(ids).find((k) => ids[k] === i.siteId), i]),
    );
    expect(Object.keys(byName).sort()).toEqual(["a1", "a2", "a3", "a4"]);
    expect(mine.items.map((i: { status: string }) => i.status)).toEqual(["overdue", "due", "due", "done"]);
    expect(byName.a4).toMatchObject({ frequency: "monthly", status: "overdue", dueBy: "2026-10-31" });
    expect(byName.a3).toMatchObject({ frequency: "fortnightly", status: "due", dueBy: "2026-12-06" });
    expect(byName.a2).toMatchObject({ frequency: "weekly", status: "due", dueBy: "2026-12-06" });
    expect(byName.a1).toMatchObject({ status: "done", lastVisitAt: "2026-11-30T02:00:00.000Z" });
    expect((await get("county", "/api/v1/patrols/mine")).statusCode).toBe(403);
  });

  it("computes coverage of the county, a township and a grid as worked out by hand", async () => {
    // County: 9 sites (closed b4 and direct-supervision excluded); done a1 b1 b2 = 3; overdue a4 hole far = 3.
    const county = (await get("county", "/api/v1/patrol-coverage?region=620123")).json();
    expect(county.totals).toEqual({ sites: 9, done: 3, due: 3, overdue: 3, coverage: 33.3 });
    const town = county.children.find((c: { code: string }) => c.code === "620123100");
    expect(town).toMatchObject({ sites: 8, done: 3, due: 3, overdue: 2, coverage: 37.5 });
    const other = county.children.find((c: { code: string }) => c.code === "620123101");
    expect(other).toMatchObject({ sites: 1, done: 0, overdue: 1, coverage: 0 });
    expect(county.missed.total).toBe(6);
    expect(county.missed.items.slice(0, 3).map((m: { status: string }) => m.status)).toEqual([
      "overdue",
      "overdue",
      "overdue",
    ]);
    // Township: grids A (4 sites: done 1, due 2, overdue 1), B (3: done 2, due 1) and the hole (outside grids).
    const t = (await get("station", "/api/v1/patrol-coverage?region=620123100")).json();
    expect(t.totals).toEqual({ sites: 8, done: 3, due: 3, overdue: 2, coverage: 37.5 });
    const rows = Object.fromEntries(t.children.map((c: { name: string }) => [c.name, c]));
    expect(rows.兴隆路社区网格).toMatchObject({
      gridId: grids.A.id,
      sites: 4,
      done: 1,
      due: 2,
      overdue: 1,
      coverage: 25,
    });
    expect(rows.一悟路社区网格).toMatchObject({ sites: 3, done: 2, due: 1, overdue: 0, coverage: 66.7 });
    expect(rows.未划入网格).toMatchObject({ gridId: null, sites: 1, overdue: 1 });
    expect(t.children.at(-1).gridId).toBeNull(); // the sites outside every grid come last
    // Grid A: the missed sites, overdue first
    const a = (await get("county", `/api/v1/patrol-coverage?grid=${grids.A.id}`)).json();
    expect(a.totals).toEqual({ sites: 4, done: 1, due: 2, overdue: 1, coverage: 25 });
    expect(a.missed.items.map((m: { siteName: string }) => m.siteName)).toEqual(["a4", "a2", "a3"]);
    expect(a.missed.items[0]).toMatchObject({ status: "overdue", frequency: "monthly", dueBy: "2026-10-31" });
    // A township station sees its township; another county's office sees nothing here
    expect((await get("station", "/api/v1/patrol-coverage")).json().totals.sites).toBe(8);
    expect((await get("other_county", "/api/v1/patrol-coverage?region=620123")).statusCode).toBe(404);
    expect((await get("worker", "/api/v1/patrol-coverage")).statusCode).toBe(403);
  });

  it("follows the county's own plan, changed by its office and recorded in the trail", async () => {
    const before = await get("county", "/api/v1/patrol-plans/620123");
    expect(before.json()).toMatchObject({
      custom: false,
      plan: { byRisk: { red: "weekly" }, unrated: "monthly" },
    });
    const plan = {
      byRisk: { red: "weekly", orange: "fortnightly", yellow: "monthly", blue: "monthly" },
      unrated: "monthly",
      byKind: { household: "yearly" },
    };
    const denied = await ctx.as("station", {
      method: "PATCH",
      url: "/api/v1/patrol-plans/620123",
      payload: plan,
    });
    expect(denied.statusCode).toBe(403);
    const bad = await ctx.as("county", {
      method: "PATCH",
      url: "/api/v1/patrol-plans/620123",
      payload: { ...plan, unrated: "daily" },
    });
    expect(bad.statusCode).toBe(422);
    const put = await ctx.as("county", {
      method: "PATCH",
      url: "/api/v1/patrol-plans/620123",
      payload: plan,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, plan: { byRisk: { blue: "monthly" } } });
    // b1 (blue, visited 10-15) is now monthly: not done in November, but the previous month was met -> due;
    // "far" (blue, never visited) stays overdue
    const county = (await get("county", "/api/v1/patrol-coverage?region=620123")).json();
    expect(county.totals).toEqual({ sites: 9, done: 2, due: 4, overdue: 3, coverage: 22.2 });
    // the same answer from the province, which sums the county with its own plan among the defaults
    const province = (await get("province", "/api/v1/patrol-coverage?region=62")).json();
    expect(province.totals).toEqual(county.totals);
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select(["action", "data"])
      .where("action", "=", "patrol_plan.updated")
      .execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].data).to.byRisk.blue).toBe("monthly");
  });
});
