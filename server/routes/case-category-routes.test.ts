import { expect, it } from "vitest";
import { listSubjectEvents } from "../../db/queries/event-queries";
import { eachApi } from "../test/api-harness";
import { act, as, report, useTempDataDir } from "./case-test-kit";

/**
 * The configurable case taxonomy end to end through the API: an office adds a category, overrides and
 * deactivates built-ins for its area; reporting, triage, the department suggestion, labels, notifications
 * and deadline rules follow the county's taxonomy; every change is in the trail; 401/403/404/422/409.
 */
eachApi("case categories", (ctx) => {
  useTempDataDir(ctx);
  const url = "/api/v1/case-categories";
  const list = async (who: string, region?: string) => {
    const res = await as(ctx, who, { method: "GET", url: region ? `${url}?region=${region}` : url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: {
        code: string;
        zh: string;
        label: string;
        active: boolean;
        builtIn: boolean;
        regionPrefix: string | null;
        defaultDepartmentKind: string;
        config: { id: string } | null;
      }[];
      abilities: { manage: boolean };
    };
  };
  const find = async (who: string, code: string, region?: string) =>
    (await list(who, region)).items.find((c) => c.code === code);
  const post = (who: string, payload: Record<string, unknown>) =>
    as(ctx, who, { method: "POST", url, payload });
  const issue = (res: { json(): { details?: { issues?: { path: string }[] } } }) =>
    res.json().details?.issues?.[0]?.path;
  let orchardId = "";
  let orchardCase = "";

  it("lists the built-ins where nothing is configured, for readers in and below the region", async () => {
    const county = await list("county");
    expect(county.abilities.manage).toBe(true);
    const gas = county.items.find((c) => c.code === "gas");
    expect(gas).toMatchObject({
      zh: "城镇燃气",
      label: "城镇燃气",
      builtIn: true,
      active: true,
      regionPrefix: null,
    });
    expect(county.items.length).toBeGreaterThanOrEqual(20);
    const worker = await list("worker");
    expect(worker.abilities.manage).toBe(false);
    expect(worker.items.map((c) => c.code)).toEqual(county.items.map((c) => c.code));
    expect((await list("worker", "620123")).items.length).toBe(county.items.length);
    const en = await as(ctx, "county", { method: "GET", url, headers: { "accept-language": "en" } });
    expect(en.json().items.find((c: { code: string }) => c.code === "gas").label).toBe("Gas");
    expect((await as(ctx, "county", { method: "GET", url: `${url}?region=620102` })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: "GET", url })).statusCode).toBe(401);
  });

  it("lets a county office add a category, written to the trail", async () => {
    const res = await post("county", {
      regionPrefix: "620123",
      code: "orchard",
      zh: "果园农机",
      en: "Orchard machinery",
      defaultDepartmentKind: "agriculture",
    });
    expect(res.statusCode, res.body).toBe(201);
    orchardId = res.json().id;
    expect(res.json()).toMatchObject({ code: "orchard", regionPrefix: "620123", active: null });
    const events = await listSubjectEvents(ctx.deps.db, "case_category", orchardId);
    expect(events.map((e) => e.action)).toEqual(["case_category.created"]);
    expect(events[0].actorId).toBe(ctx.users.county.id);
    expect(JSON.parse(events[0].data)).toMatchObject({ code: "orchard", zh: "果园农机", override: false });
    expect(await find("worker", "orchard")).toMatchObject({
      zh: "果园农机",
      builtIn: false,
      active: true,
      regionPrefix: "620123",
      defaultDepartmentKind: "agriculture",
    });
    expect(await find("county", "orchard")).toMatchObject({ config: { id: orchardId } });
    // the neighbouring county does not have it
    expect(await find("other_county", "orchard")).toBeUndefined();
  });

  it("refuses bad input with Chinese messages (422)", async () => {
    const base = { regionPrefix: "620123", zh: "新类别", defaultDepartmentKind: "water" };
    const dup = await post("county", { ...base, code: "orchard", zh: "果园二" });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().message).toContain("已配置此类别");
    expect(issue(dup)).toBe("code");
    const kind = await post("county", { ...base, code: "dam", defaultDepartmentKind: "police" });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().message).toContain("部门类型不存在");
    const code = await post("county", { ...base, code: "Dam-1" });
    expect(code.statusCode).toBe(422);
    expect(code.json().message).toContain("小写字母");
    const noKind = await post("county", { regionPrefix: "620123", code: "dam", zh: "水坝" });
    expect(noKind.statusCode).toBe(422);
    expect(issue(noKind)).toBe("defaultDepartmentKind");
    const sameName = await post("county", { ...base, code: "dam", zh: "城镇燃气" });
    expect(sameName.statusCode).toBe(422);
    expect(sameName.json().message).toContain("重复");
    const township = await post("county", { ...base, code: "dam", regionPrefix: "620123100" });
    expect(township.statusCode).toBe(422);
    const unknown = await post("county", { ...base, code: "dam", colour: "red" });
    expect(unknown.statusCode).toBe(422);
    expect((await find("county", "dam")) ?? null).toBeNull();
  });

  it("allows only offices and administrators covering the region (403), hides other regions' rows (404)", async () => {
    const body = { regionPrefix: "620123", code: "dam", zh: "水坝", defaultDepartmentKind: "water" };
    for (const who of ["worker", "lead", "market", "station", "auditor"])
      expect((await post(who, body)).statusCode, who).toBe(403);
    expect((await post("county", { ...body, regionPrefix: "620102" })).statusCode).toBe(403);
    expect((await post("county", { ...body, regionPrefix: "6201" })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: "POST", url, payload: body })).statusCode).toBe(401);
    const theirs = await post("other_county", { ...body, regionPrefix: "620102" });
    expect(theirs.statusCode).toBe(201);
    const patch = { method: "PATCH" as const, url: `${url}/${theirs.json().id}`, payload: { active: false } };
    expect((await as(ctx, "county", patch)).statusCode).toBe(404);
    expect((await as(ctx, "county", { method: "DELETE", url: patch.url })).statusCode).toBe(404);
    expect((await as(ctx, "county", { ...patch, url: `${url}/no-such-row` })).statusCode).toBe(404);
    expect((await as(ctx, "worker", { ...patch, url: `${url}/${orchardId}` })).statusCode).toBe(403);
    // the city covers both counties; the province office may configure at province level
    const city = await post("city", { ...body, regionPrefix: "6201", code: "city_dam", zh: "市管水坝" });
    expect(city.statusCode).toBe(201);
    const cityPatch = { method: "PATCH" as const, url: `${url}/${city.json().id}`, payload: { zh: "改名" } };
    expect((await as(ctx, "county", cityPatch)).statusCode).toBe(403);
    expect((await as(ctx, "admin", cityPatch)).statusCode).toBe(200);
    expect((await find("other_county", "city_dam"))?.zh).toBe("改名");
  });

  it("reports with the configured category: its label, its department kind and the notification title", async () => {
    const res = await report(ctx, "worker", {
      category: "orchard",
      description: "果园内农用三轮车刹车失灵仍在使用",
    });
    expect(res.statusCode, res.body).toBe(201);
    const kase = res.json().case;
    orchardCase = kase.id;
    expect(kase.categoryLabel).toBe("果园农机");
    expect(kase.suggestedDepartmentId).toBe(ctx.departments["620123"].agriculture);
    const detail = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${kase.id}` })).json();
    expect(detail.case.categoryLabel).toBe("果园农机");
    expect(detail.suggestion).toMatchObject({ source: "category" });
    expect(detail.suggestion.explanation).toContain("果园农机");
    const rows = (await as(ctx, "lead", { method: "GET", url: "/api/v1/cases?category=orchard" })).json();
    expect(rows.items[0].categoryLabel).toBe("果园农机");
    const told = await ctx.deps.db
      .selectFrom("notification")
      .select("title")
      .where("caseId", "=", kase.id)
      .where("kind", "=", "case.reported")
      .execute();
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].title).toContain("果园农机");
  });

  it("re-targets a built-in for the county: the suggestion uses the configured kind, others keep theirs", async () => {
    const res = await post("county", { regionPrefix: "620123", code: "gas", defaultDepartmentKind: "fire" });
    expect(res.statusCode, res.body).toBe(201);
    expect(await find("county", "gas")).toMatchObject({
      zh: "城镇燃气",
      defaultDepartmentKind: "fire",
      builtIn: true,
      regionPrefix: "620123",
    });
    expect((await find("other_county", "gas"))?.defaultDepartmentKind).toBe("housing");
    const kase = (await report(ctx, "worker", { category: "gas" })).json().case;
    expect(kase.suggestedDepartmentId).toBe(ctx.departments["620123"].fire);
    // removing the override restores the built-in
    const del = await as(ctx, "county", { method: "DELETE", url: `${url}/${res.json().id}` });
    expect(del.statusCode).toBe(204);
    expect((await find("county", "gas"))?.defaultDepartmentKind).toBe("housing");
    const events = await listSubjectEvents(ctx.deps.db, "case_category", res.json().id);
    expect(events.map((e) => e.action)).toEqual(["case_category.created", "case_category.deleted"]);
  });

  it("deactivates a category for the county: reports with it are refused, cases using it keep it", async () => {
    const fireCase = (await report(ctx, "worker", { category: "fire" })).json().case;
    const off = await post("county", { regionPrefix: "620123", code: "fire", active: false });
    expect(off.statusCode, off.body).toBe(201);
    expect(await find("worker", "fire")).toMatchObject({ active: false, zh: "消防安全" });
    const refused = await report(ctx, "worker", { category: "fire" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe("行业类别不存在");
    expect(issue(refused)).toBe("category");
    // the case reported before still shows and can be triaged with its own category, not into another off one
    const read = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${fireCase.id}` })).json();
    expect(read.case.categoryLabel).toBe("消防安全");
    expect(
      (await act(ctx, "lead", orchardCase, "triage", { type: "general_hazard", category: "fire" }))
        .statusCode,
    ).toBe(422);
    const kept = await act(ctx, "lead", fireCase.id, "triage", { type: "general_hazard", category: "fire" });
    expect(kept.statusCode, kept.body).toBe(200);
    // re-activated by PATCH
    const on = await as(ctx, "county", {
      method: "PATCH",
      url: `${url}/${off.json().id}`,
      payload: { active: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect((await report(ctx, "worker", { category: "fire" })).statusCode).toBe(201);
    const events = await listSubjectEvents(ctx.deps.db, "case_category", off.json().id);
    expect(events.map((e) => e.action)).toEqual(["case_category.created", "case_category.updated"]);
    expect(JSON.parse(events[1].data)).toMatchObject({ before: { active: false }, after: { active: true } });
  });

  it("renames by PATCH, and refuses to delete a category cases use (409)", async () => {
    const patch = await as(ctx, "county", {
      method: "PATCH",
      url: `${url}/${orchardId}`,
      payload: { zh: "果园农用机械", defaultDepartmentKind: "nope" },
    });
    expect(patch.statusCode).toBe(422);
    const ok = await as(ctx, "county", {
      method: "PATCH",
      url: `${url}/${orchardId}`,
      payload: { zh: "果园农用机械" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const read = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${orchardCase}` })).json();
    expect(read.case.categoryLabel).toBe("果园农用机械");
    const del = await as(ctx, "county", { method: "DELETE", url: `${url}/${orchardId}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toContain("停用");
  });

  it("takes deadline rules for configured categories, and the case's time limit follows them", async () => {
    const rules = "/api/v1/case-deadline-rules";
    const rule = {
      regionPrefix: "620123",
      category: "orchard",
      stage: "reported",
      unit: "working_hours",
      amount: 1,
    };
    const unknown = await as(ctx, "county", {
      method: "POST",
      url: rules,
      payload: { ...rule, category: "nope" },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().message).toBe("行业类别不存在");
    const elsewhere = await as(ctx, "other_county", {
      method: "POST",
      url: rules,
      payload: { ...rule, regionPrefix: "620102" },
    });
    expect(elsewhere.statusCode).toBe(422);
    // the city may set a limit for a category one of its counties added
    const city = await as(ctx, "city", {
      method: "POST",
      url: rules,
      payload: { ...rule, regionPrefix: "6201" },
    });
    expect(city.statusCode, city.body).toBe(201);
    const created = await as(ctx, "county", { method: "POST", url: rules, payload: rule });
    expect(created.statusCode, created.body).toBe(201);
    const kase = (await report(ctx, "worker", { category: "orchard" })).json().case;
    const now = ctx.deps.clock.now();
    expect(kase.deadline).toBe(ctx.deps.calendar.addWorkingHours(now, 1).toISOString());
    const listed = (await as(ctx, "county", { method: "GET", url: `${rules}?region=620123` })).json();
    expect(listed.items.filter((r: { category: string }) => r.category === "orchard").length).toBe(2);
    // the rules of a county are read in or above its jurisdiction only
    const foreign = await as(ctx, "other_county", { method: "GET", url: `${rules}?region=620123` });
    expect(foreign.statusCode).toBe(404);
    const worker = await as(ctx, "worker", { method: "GET", url: `${rules}?region=620123` });
    expect(worker.statusCode).toBe(200);
  });
});
