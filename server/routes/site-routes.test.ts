import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, realUscc, siteBody } from "./grid-test-fixtures";

eachApi("sites: register, validate, assign", (ctx) => {
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;
  const post = (user: string, payload: Record<string, unknown>) =>
    ctx.as(user, { method: "POST", url: "/api/v1/sites", payload });

  it("creates the fixture grids and staffs A", async () => {
    grids = await createFixtureGrids(ctx);
    const staffed = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "full_time" }] },
    });
    expect(staffed.statusCode, staffed.body).toBe(200);
    expect(staffed.json().workers).toHaveLength(1);
  });

  it("validates unified social credit codes at the API: real codes pass, wrong check character, lowercase and wrong length fail", async () => {
    const ok = await post("county", siteBody({ uscc: realUscc[1], name: "真实代码企业" }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().uscc).toBe(realUscc[1]);

    const wrongCheck = await post("county", siteBody({ uscc: "91330100799655058C", name: "校验码错误企业" }));
    expect(wrongCheck.statusCode).toBe(422);
    expect(wrongCheck.json()).toMatchObject({
      code: "invalid_uscc",
      details: { problem: "check_character", position: 18 },
    });
    expect(wrongCheck.json().message).toContain("校验码错误");

    const lower = await post("county", siteBody({ uscc: "9144030071526726xg", name: "小写企业" }));
    expect(lower.statusCode).toBe(422);
    expect(lower.json()).toMatchObject({
      code: "invalid_uscc",
      details: { problem: "lowercase", suggestion: "9144030071526726XG" },
    });

    const short = await post("county", siteBody({ uscc: "9144030071526726X", name: "位数不对企业" }));
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: "invalid_uscc", details: { problem: "length" } });

    const check = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/sites/check-uscc",
      payload: { uscc: "91330100799655058C" },
    });
    expect(check.json()).toMatchObject({ ok: false, problem: "check_character" });
  });

  it("refuses a duplicate code with 409 and names the registered site", async () => {
    const dup = await post("county", siteBody({ uscc: realUscc[1], name: "重复企业" }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      code: "duplicate_uscc",
      details: { existing: { name: "真实代码企业" } },
    });
  });

  it("refuses unknown industry codes, swapped and out-of-province coordinates", async () => {
    const ind = await post("county", siteBody({ uscc: realUscc[2], industryCode: "9999" }));
    expect(ind.statusCode).toBe(422);
    expect(ind.json().code).toBe("invalid_industry_code");
    const swapped = await post("county", siteBody({ uscc: realUscc[2], lon: 35.815, lat: 104.015 }));
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json()).toMatchObject({
      code: "invalid_coordinates",
      details: { problem: "swapped_coordinates", suggestion: [104.015, 35.815] },
    });
    const beijing = await post("county", siteBody({ uscc: realUscc[2], lon: 116.4, lat: 39.9 }));
    expect(beijing.json()).toMatchObject({
      code: "invalid_coordinates",
      details: { problem: "outside_province" },
    });
  });

  it("assigns by location: grid with a hole, a shared edge (one grid, always the same), a multipolygon part", async () => {
    const inA = (
      await post(
        "county",
        siteBody({ uscc: null, kind: "small_shop", name: "A 内小商铺", industryCode: "5211" }),
      )
    ).json();
    expect(inA.assignment).toMatchObject({
      grid: { code: grids.A.code },
      gridRule: "point_in_polygon",
      worker: { id: ctx.users.worker.id },
      workerRule: "grid_staff",
    });
    expect(inA.assignment.department.name).toContain("榆中县");

    const inHole = (
      await post(
        "county",
        siteBody({
          uscc: null,
          kind: "small_shop",
          name: "空洞内小商铺",
          industryCode: "5211",
          lon: 104.0075,
          lat: 35.8075,
        }),
      )
    ).json();
    expect(inHole.assignment).toMatchObject({
      grid: null,
      gridRule: "outside_grids",
      worker: null,
      workerRule: "no_worker",
    });

    const edge = [];
    for (let i = 0; i < 3; i++)
      edge.push(
        (
          await post(
            "county",
            siteBody({
              uscc: null,
              kind: "household",
              name: `边界户${i}`,
              industryCode: null,
              lon: 104.02,
              lat: 35.81,
            }),
          )
        ).json(),
      );
    expect(new Set(edge.map((s) => s.assignment.grid?.code)).size).toBe(1);
    expect(edge[0].assignment.grid.code).toBe(grids.B.code); // half-open rule: a vertical shared edge belongs to the grid east of it
    expect(edge[0].assignment).toMatchObject({ worker: null, workerRule: "no_worker" }); // B has no worker: a coverage gap

    const part2 = (
      await post(
        "county",
        siteBody({
          uscc: null,
          kind: "small_workshop",
          name: "第二块作坊",
          industryCode: "2672",
          lon: 104.075,
          lat: 35.805,
        }),
      )
    ).json();
    expect(part2.assignment.grid.code).toBe(grids.C.code);
    const between = (
      await post(
        "county",
        siteBody({
          uscc: null,
          kind: "small_workshop",
          name: "两块之间作坊",
          industryCode: "2672",
          lon: 104.065,
          lat: 35.805,
        }),
      )
    ).json();
    expect(between.assignment.grid).toBeNull();
  });

  it("supervises state-owned and flagged sites directly, outside the grid, except state-owned gas stations", async () => {
    const soe = (
      await post(
        "county",
        siteBody({
          uscc: realUscc[3],
          name: "省属化工厂",
          ownership: "provincial_soe",
          industryCode: "2614",
        }),
      )
    ).json();
    expect(soe.assignment).toMatchObject({
      direct: true,
      directRule: "state_owned",
      grid: null,
      gridRule: "direct",
      worker: null,
    });
    expect(soe.assignment.directReason).toContain("省属企业");
    expect(soe.assignment.department).not.toBeNull();

    const gas = (
      await post(
        "county",
        siteBody({
          uscc: realUscc[4],
          name: "中石油兴隆加油站",
          ownership: "central_soe",
          industryCode: "5265",
        }),
      )
    ).json();
    expect(gas.assignment).toMatchObject({
      direct: false,
      directRule: "state_owned_gas_station",
      grid: { code: grids.A.code },
    });
    expect(gas.assignment.directReason).toContain("加油站除外");

    const red = (
      await post(
        "county",
        siteBody({
          uscc: null,
          kind: "small_workshop",
          name: "重大风险作坊",
          riskLevel: "red",
          industryCode: "2672",
        }),
      )
    ).json();
    expect(red.assignment).toMatchObject({ direct: true, directRule: "flag_high_risk", grid: null });
    const kept = (
      await post(
        "county",
        siteBody({
          uscc: null,
          kind: "small_workshop",
          name: "标记不直管作坊",
          riskLevel: "red",
          flags: { highRisk: false },
          industryCode: "2672",
        }),
      )
    ).json();
    expect(kept.assignment).toMatchObject({ direct: false, grid: { code: grids.A.code } });
  });

  it("masks contacts for roles without need and shows them to those who call the site", async () => {
    const list = (await ctx.as("county", { method: "GET", url: "/api/v1/sites?q=真实代码企业" })).json();
    const id = list.items[0].id;
    expect(list.items[0]).toMatchObject({
      contactName: "张建国",
      contactPhone: "13812345678",
      contactsMasked: false,
    });
    // 三员分立: the audit administrator reads no site at all.
    expect((await ctx.as("auditor", { method: "GET", url: `/api/v1/sites/${id}` })).statusCode).toBe(403);
    // R27: a service provider reads no site by region, only those of its engagements (provider-routes.test.ts).
    expect((await ctx.as("provider", { method: "GET", url: `/api/v1/sites/${id}` })).statusCode).toBe(403);
    for (const user of ["city"]) {
      const s = (await ctx.as(user, { method: "GET", url: `/api/v1/sites/${id}` })).json();
      expect(s, user).toMatchObject({
        contactName: "张*国",
        contactPhone: "138****5678",
        contactsMasked: true,
      });
    }
    const worker = (await ctx.as("lead", { method: "GET", url: `/api/v1/sites/${id}` })).json();
    expect(worker.contactPhone).toBe("13812345678");
  });

  it("hides the site from another county (404 on read and on change) and from its lists", async () => {
    const list = (await ctx.as("county", { method: "GET", url: "/api/v1/sites?pageSize=200" })).json();
    const site = list.items[0];
    expect(
      (await ctx.as("other_county", { method: "GET", url: `/api/v1/sites/${site.id}` })).statusCode,
    ).toBe(404);
    const patch = await ctx.as("other_county", {
      method: "PATCH",
      url: `/api/v1/sites/${site.id}`,
      payload: { version: site.version, name: "被改名" },
    });
    expect(patch.statusCode).toBe(404);
    const override = await ctx.as("other_county", {
      method: "POST",
      url: `/api/v1/sites/${site.id}/assignment`,
      payload: { version: site.version, reason: "越权", gridId: null },
    });
    expect(override.statusCode).toBe(404);
    expect(
      (await ctx.as("other_county", { method: "GET", url: `/api/v1/sites/${site.id}/file` })).statusCode,
    ).toBe(404);
    expect((await ctx.as("other_county", { method: "GET", url: "/api/v1/sites" })).json().total).toBe(0);
    const register = await post(
      "other_county",
      siteBody({ uscc: null, kind: "household", name: "跨县登记", industryCode: null }),
    );
    expect(register.statusCode).toBe(403);
  });

  it("needs a reason for a manual override, keeps it in the trail, and shows registration, changes and assignments in the site file", async () => {
    const created = (
      await post(
        "county",
        siteBody({ uscc: null, kind: "small_shop", name: "档案测试商铺", industryCode: "5211" }),
      )
    ).json();
    const noReason = await ctx.as("lead", {
      method: "POST",
      url: `/api/v1/sites/${created.id}/assignment`,
      payload: { version: created.version, gridId: grids.B.id },
    });
    expect(noReason.statusCode).toBe(422);
    const blank = await ctx.as("lead", {
      method: "POST",
      url: `/api/v1/sites/${created.id}/assignment`,
      payload: { version: created.version, gridId: grids.B.id, reason: " " },
    });
    expect(blank.statusCode).toBe(422);
    const byWorker = await ctx.as("worker", {
      method: "POST",
      url: `/api/v1/sites/${created.id}/assignment`,
      payload: { version: created.version, gridId: grids.B.id, reason: "网格员自调" },
    });
    expect(byWorker.statusCode).toBe(403);

    const moved = await ctx.as("lead", {
      method: "POST",
      url: `/api/v1/sites/${created.id}/assignment`,
      payload: { version: created.version, gridId: grids.B.id, reason: "实际经营场所在一悟路一侧" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().assignment).toMatchObject({
      grid: { code: grids.B.code },
      gridRule: "manual",
      overrides: { grid: true, reason: "实际经营场所在一悟路一侧" },
    });

    const changed = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/sites/${created.id}`,
      payload: { version: moved.json().version, riskLevel: "orange", lon: 104.016 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().assignment.grid.code).toBe(grids.B.code); // the override survives a move
    const stale = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/sites/${created.id}`,
      payload: { version: 1, riskLevel: "blue" },
    });
    expect(stale.statusCode).toBe(409);

    const file = (await ctx.as("county", { method: "GET", url: `/api/v1/sites/${created.id}/file` })).json();
    expect(file.events.map((e: { action: string }) => e.action)).toEqual([
      "site.registered",
      "site.assignment_overridden",
      "site.updated",
    ]);
    expect(file.events[0].data.assignment).toMatchObject({
      gridId: grids.A.id,
      gridRule: "point_in_polygon",
    });
    expect(file.events[1]).toMatchObject({
      actor: { id: ctx.users.lead.id },
      data: { reason: "实际经营场所在一悟路一侧" },
    });
    expect(file.events[2].summary).toContain("风险等级");

    // every kind by its readable name with links (domain/trail/site-event-kinds.ts), never the raw key
    expect(file.events[0].actionLabel).toBe("登记监管对象");
    expect(file.events[0].links[0]).toMatchObject({ kind: "grid", href: `/grids?grid=${grids.A.id}` });
    expect(file.events[0].links[0].label.zh).toBe("网格 兴隆路社区网格");
    const reported = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/cases",
      payload: {
        source: "department",
        type: "general_hazard",
        category: "gas",
        description: "商铺内液化气钢瓶与灶具同处一室",
        siteId: created.id,
      },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const kase = reported.json().case;
    const after = (await ctx.as("county", { method: "GET", url: `/api/v1/sites/${created.id}/file` })).json();
    const last = after.events.at(-1);
    expect(last).toMatchObject({ action: "site.case_reported", actionLabel: "上报隐患案件" });
    expect(last.summary).toContain(kase.number);
    expect(last.links).toEqual([
      {
        kind: "case",
        id: kase.id,
        href: `/cases/${kase.id}`,
        label: { zh: `案件 ${kase.number}`, en: `Case ${kase.number}` },
      },
    ]);

    // how the case ended is recorded under the case, and shown in the site file too, linked to the case
    const rejected = await ctx.as("lead", {
      method: "POST",
      url: `/api/v1/cases/${kase.id}/reject`,
      payload: { reason: "经核实不属于安全生产隐患" },
      headers: { "if-match": `"${kase.version}"` },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const ended = (await ctx.as("county", { method: "GET", url: `/api/v1/sites/${created.id}/file` })).json();
    const outcome = ended.events.at(-1);
    expect(outcome).toMatchObject({ action: "case.rejected", actionLabel: "案件不予受理" });
    expect(outcome.summary).toContain(kase.number);
    expect(outcome.links).toEqual([expect.objectContaining({ kind: "case", href: `/cases/${kase.id}` })]);
    // no event of the file is shown by its raw key
    for (const e of ended.events) expect(e.actionLabel).not.toBe(e.action);
  });
});
