import { beforeAll, expect, it } from "vitest";
import { createUser } from "../commands/users/create-user";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { act, as, caseAt, report, upload, useTempDataDir, villagePoint } from "./case-test-kit";

eachApi("同人不得闭环 (another person re-checks and closes) and the county setting", (ctx) => {
  useTempDataDir(ctx);
  beforeAll(async () => {
    await createUser(ctx.deps, null, {
      username: "lead2",
      displayName: "应急局二",
      role: "lead_department",
      scope: ["620123"],
      departmentId: ctx.departments["620123"].emergency,
      password: testPassword,
    });
  });

  /** Defect 11: one person of the lead department triages, accepts, feeds back on its own-remit case. */
  const ownRemitFedBack = async () => {
    const id = (await report(ctx, "worker")).json().case.id as string;
    const lead = ctx.departments["620123"].emergency;
    expect(
      (await act(ctx, "lead", id, "triage", { type: "general_hazard", category: "gas" })).statusCode,
    ).toBe(200);
    expect((await act(ctx, "lead", id, "dispatch", { departmentId: lead })).statusCode).toBe(200);
    expect((await act(ctx, "lead", id, "accept")).statusCode).toBe(200);
    const ev = await upload(ctx, "lead");
    ctx.deps.clock.advance({ minutes: 5 });
    const fed = await act(ctx, "lead", id, "feedback", {
      result: "fixed",
      note: "已整改完毕",
      evidenceIds: [ev.id],
    });
    expect(fed.statusCode).toBe(200);
    ctx.deps.clock.advance({ minutes: 5 });
    return id;
  };
  const ownRemitRechecked = async () => {
    const id = await ownRemitFedBack();
    expect(
      (await act(ctx, "worker", id, "recheck", { passed: true, location: villagePoint })).statusCode,
    ).toBe(200);
    return id;
  };
  const detail = async (who: string, id: string) =>
    (await as(ctx, who, { method: "GET", url: `/api/v1/cases/${id}` })).json();

  it("states the rule on the case page, refuses the same person's closing with 409, lets another close", async () => {
    const id = await ownRemitRechecked();
    const page = await detail("lead", id);
    expect(page.abilities.close).toBe(false);
    expect(page.closureRule.anotherPersonCloses).toBe(true);
    expect(page.closureRule.refusals).toEqual([
      { action: "close", reason: expect.stringContaining("同人不得闭环") },
    ]);
    const refused = await act(ctx, "lead", id, "close");
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "same_person_closure", details: { action: "close" } });
    expect(refused.json().message).toContain("同人不得闭环");
    expect((await detail("lead", id)).case.stage).toBe("rechecked");
    const other = await detail("lead2", id);
    expect(other.abilities.close).toBe(true);
    expect(other.closureRule.refusals).toEqual([]);
    expect((await act(ctx, "lead2", id, "close")).statusCode).toBe(200);
  });

  it("a re-check by the person who gave the feedback answers 409 same_person_closure, as documented", async () => {
    // A role that never re-checks (the cooperating department) is refused at the route's gate (403);
    // the lead department, which re-checks, is told why when it fed back itself (own remit).
    const held = await caseAt(ctx, "awaiting_recheck");
    const market = await act(ctx, "market", held, "recheck", { passed: true, location: villagePoint });
    expect(market.statusCode).toBe(403);
    const id = await ownRemitFedBack();
    const res = await act(ctx, "lead", id, "recheck", { passed: true, location: villagePoint });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("same_person_closure");
    const en = await as(ctx, "lead", {
      method: "POST",
      url: `/api/v1/cases/${id}/recheck`,
      payload: { passed: true, location: villagePoint },
      headers: { "accept-language": "en" },
    });
    expect(en.json().message).toContain("gave the feedback");
  });

  it("county offices read and change the setting; the change is in the trail; others are refused", async () => {
    const url = "/api/v1/county-settings/620123";
    const read = await as(ctx, "lead", { method: "GET", url });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      regionCode: "620123",
      anotherPersonCloses: true,
      abilities: { manage: false },
    });
    expect((await as(ctx, "other_county", { method: "GET", url })).statusCode).toBe(404);
    expect(
      (await as(ctx, "county", { method: "GET", url: "/api/v1/county-settings/620199" })).statusCode,
    ).toBe(404);
    const byLead = await as(ctx, "lead", { method: "PATCH", url, payload: { anotherPersonCloses: false } });
    expect(byLead.statusCode).toBe(403);
    expect(
      (await as(ctx, "other_county", { method: "PATCH", url, payload: { anotherPersonCloses: false } }))
        .statusCode,
    ).toBe(404);
    const bad = await as(ctx, "county", {
      method: "PATCH",
      url,
      payload: { anotherPersonCloses: "no", extra: 1 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("validation_failed");

    const off = await as(ctx, "county", { method: "PATCH", url, payload: { anotherPersonCloses: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({
      anotherPersonCloses: false,
      updatedBy: ctx.users.county.id,
      abilities: { manage: true },
    });
    const trail = await ctx.deps.db
      .selectFrom("event")
      .selectAll()
      .where("action", "=", "county_setting.updated")
      .where("subjectId", "=", "620123")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(trail.actorId).toBe(ctx.users.county.id);
    expect(JSON.parse(trail.data)).toEqual({ anotherPersonCloses: { from: true, to: false } });

    // Switched off: the same person may close their own-remit case, and the page says nothing.
    const id = await ownRemitRechecked();
    const page = await detail("lead", id);
    expect(page.closureRule).toEqual({ anotherPersonCloses: false, refusals: [] });
    expect(page.abilities.close).toBe(true);
    expect((await act(ctx, "lead", id, "close")).statusCode).toBe(200);

    expect(
      (await as(ctx, "county", { method: "PATCH", url, payload: { anotherPersonCloses: true } })).statusCode,
    ).toBe(200);
    const verify = await as(ctx, "auditor", { method: "GET", url: "/api/v1/trail/verify" });
    expect(verify.json().ok).toBe(true);
  });
});
