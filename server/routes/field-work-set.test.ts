import { gunzipSync } from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { workSet } from "../../domain/schemas/field-sync-schemas";
import { createUser } from "../commands/users/create-user";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { act, as, report, upload, useTempDataDir } from "./case-test-kit";
import { createFixtureGrids, siteBody } from "./grid-test-fixtures";

/**
 * `GET /field/work-set`: a grid worker gets the grids they serve and only those grids' sites, even when
 * their scope (a whole township) would let them read more; the re-checks of their grids they may do; their
 * own reports. Everything in it is readable by the same account through the ordinary routes.
 */
eachApi("field work set", (ctx) => {
  useTempDataDir(ctx);
  const ids: Record<string, string> = {};
  const township = "620123100";

  const made = async (res: { statusCode: number; body: string; json(): unknown }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const get = async (username: string) => {
    const res = await as(ctx, username, { method: "GET", url: "/api/v1/field/work-set" });
    return { res, body: res.statusCode === 200 ? workSet.parse(res.json()) : undefined };
  };

  /** A case reported by `reporter`, walked to awaiting re-check (dispatched to the market department). */
  const awaitingRecheck = async (reporter: string, over: Record<string, unknown>) => {
    const id = (
      (await made(await report(ctx, reporter, over), "report")) as unknown as { case: { id: string } }
    ).case.id;
    const market = ctx.departments["620123"].market;
    await made(await act(ctx, "lead", id, "triage", { type: "general_hazard", category: "gas" }), "triage");
    await made(await act(ctx, "lead", id, "dispatch", { departmentId: market }), "dispatch");
    await made(await act(ctx, "market", id, "accept", {}), "accept");
    const ev = await upload(ctx, "market");
    ctx.deps.clock.advance({ minutes: 5 });
    await made(
      await act(ctx, "market", id, "feedback", { result: "fixed", note: "已整改完毕", evidenceIds: [ev.id] }),
      "feedback",
    );
    ctx.deps.clock.advance({ minutes: 5 });
    return id;
  };

  beforeAll(async () => {
    const grids = await createFixtureGrids(ctx);
    ids.gridA = grids.A.id;
    ids.gridB = grids.B.id;
    for (const [name, grid] of [
      ["gw_a", grids.A.id],
      ["gw_b", grids.B.id],
    ] as const) {
      const user = await createUser(ctx.deps, null, {
        username: name,
        displayName: name,
        role: "grid_worker",
        scope: [township],
        departmentId: null,
        password: testPassword,
      });
      ids[name] = user.id;
      await made(
        await as(ctx, "county", {
          method: "PUT",
          url: `/api/v1/grids/${grid}/workers`,
          payload: { workers: [{ userId: user.id, employment: "full_time" }] },
        }),
        `staff ${name}`,
      );
    }
    const site = async (name: string, regionCode: string, lon: number, lat: number) =>
      (
        await made(
          await as(ctx, "county", {
            method: "POST",
            url: "/api/v1/sites",
            payload: siteBody({
              name,
              regionCode,
              lon,
              lat,
              uscc: null,
              kind: "small_shop",
              industryCode: null,
            }),
          }),
          name,
        )
      ).id;
    ids.siteA = await site("兴隆路小商店", "620123100001", 104.015, 35.815);
    ids.siteB = await site("一悟路小商店", "620123100002", 104.03, 35.81);
    // 7 km east of both grids: no grid's neighbour
    ids.siteFar = await site("远处小商店", "620123100002", 104.1, 35.81);
    ids.recheckA = await awaitingRecheck("worker", {
      regionCode: "620123100001",
      location: { lng: 104.015, lat: 35.815 },
      siteId: ids.siteA,
    });
    ids.recheckB = await awaitingRecheck("station", {
      regionCode: "620123100002",
      location: { lng: 104.03, lat: 35.81 },
      siteId: ids.siteB,
    });
    const mine = await report(ctx, "gw_a", {
      regionCode: "620123100001",
      location: { lng: 104.016, lat: 35.816 },
      siteId: ids.siteA,
    });
    ids.reportA = ((await made(mine, "report")) as unknown as { case: { id: string } }).case.id;
  }, 120_000);

  it("a worker of one grid gets that grid and its sites, never the other grid's", async () => {
    const a = (await get("gw_a")).body!;
    const b = (await get("gw_b")).body!;
    expect(a.grids.map((g) => g.id)).toEqual([ids.gridA]);
    expect(b.grids.map((g) => g.id)).toEqual([ids.gridB]);
    expect(a.sites.map((s) => s.id)).toEqual([ids.siteA]);
    expect(b.sites.map((s) => s.id)).toEqual([ids.siteB]);
    expect(a.sites[0]).toEqual({
      id: ids.siteA,
      name: "兴隆路小商店",
      kind: "small_shop",
      riskLevel: "yellow",
      address: "榆中县城关镇兴隆路 18 号",
      location: { lng: 104.015, lat: 35.815 },
      gridId: ids.gridA,
      industryCode: null,
      version: expect.any(Number),
    });
    // The grid outline keeps its hole; the phone gets no contacts, officers or other register fields.
    expect(a.grids[0].geometry.type).toBe("Polygon");
    expect(a.grids[0].geometry.coordinates).toHaveLength(2);
    const text = JSON.stringify(a);
    for (const secret of ["13812345678", "13912345678", "contactName", "officer"])
      expect(text).not.toContain(secret);
    // Both workers' scope (the township) reads both sites through the register: the work set is narrower.
    const listed = await as(ctx, "gw_a", { method: "GET", url: "/api/v1/sites?pageSize=200" });
    const all = (listed.json().items as { id: string }[]).map((s) => s.id);
    expect(all).toEqual(expect.arrayContaining([ids.siteA, ids.siteB]));
  });

  it("offers the sites of neighbouring grids within 1 km for reports, not far ones and not their own", async () => {
    const a = (await get("gw_a")).body!;
    const b = (await get("gw_b")).body!;
    // grid A ends at 104.02; 一悟路小商店 (104.03, grid B) is 0.9 km beyond it, and the other way round
    expect(a.nearbySites?.map((s) => s.id)).toEqual([ids.siteB]);
    expect(a.nearbySites?.[0]).toEqual({
      id: ids.siteB,
      name: "一悟路小商店",
      kind: "small_shop",
      address: expect.any(String),
      location: { lng: 104.03, lat: 35.81 },
      gridId: ids.gridB,
    });
    expect(b.nearbySites?.map((s) => s.id)).toEqual([ids.siteA]);
    for (const set of [a, b]) expect(set.nearbySites?.map((s) => s.id)).not.toContain(ids.siteFar);
    // no contacts for the neighbours either (the phone itself: a random id may well contain "138")
    for (const secret of ["13812345678", "张建国", "contactName", "contactPhone"])
      expect(JSON.stringify(a.nearbySites)).not.toContain(secret);
  });

  it("holds only what the same account may read through the ordinary routes", async () => {
    for (const username of ["gw_a", "gw_b", "committee", "station", "worker"]) {
      const { body } = await get(username);
      for (const s of [...body!.sites, ...(body!.nearbySites ?? [])]) {
        const one = await as(ctx, username, { method: "GET", url: `/api/v1/sites/${s.id}` });
        expect(one.statusCode, `${username} site ${s.id}`).toBe(200);
      }
      for (const g of body!.grids) {
        const one = await as(ctx, username, { method: "GET", url: `/api/v1/grids/${g.id}` });
        expect(one.statusCode, `${username} grid ${g.id}`).toBe(200);
      }
      for (const c of [...body!.rechecks.map((r) => r.caseId), ...body!.reports.map((r) => r.caseId)]) {
        const one = await as(ctx, username, { method: "GET", url: `/api/v1/cases/${c}` });
        expect(one.statusCode, `${username} case ${c}`).toBe(200);
      }
      for (const r of body!.rechecks) {
        const one = await as(ctx, username, { method: "GET", url: `/api/v1/cases/${r.caseId}` });
        expect(one.json().abilities.recheck, `${username} may re-check ${r.caseId}`).toBe(true);
      }
    }
  });

  it("lists the re-checks of the worker's grids with the handler's feedback, and their own reports", async () => {
    const a = (await get("gw_a")).body!;
    const b = (await get("gw_b")).body!;
    expect(a.rechecks.map((r) => r.caseId)).toEqual([ids.recheckA]);
    expect(b.rechecks.map((r) => r.caseId)).toEqual([ids.recheckB]);
    expect(a.rechecks[0]).toMatchObject({
      siteId: ids.siteA,
      siteName: "兴隆路小商店",
      feedback: { note: "已整改完毕", evidenceIds: [expect.any(String)] },
    });
    const photo = await as(ctx, "gw_a", {
      method: "GET",
      url: `/api/v1/evidence/${a.rechecks[0].feedback.evidenceIds[0]}`,
    });
    expect(photo.statusCode).toBe(200);
    expect(a.reports).toEqual([
      expect.objectContaining({ caseId: ids.reportA, stage: "reported", stageLabel: "已上报" }),
    ]);
    expect(b.reports).toEqual([]);
    expect(Date.parse(a.serverTime)).toBe(ctx.deps.clock.now().getTime());
  });

  it("a re-check done is no longer listed", async () => {
    const done = await act(ctx, "gw_a", ids.recheckA, "recheck", {
      passed: true,
      location: { lng: 104.015, lat: 35.815 },
    });
    expect(done.statusCode).toBe(200);
    expect((await get("gw_a")).body!.rechecks).toEqual([]);
  });

  it("goes gzipped to a phone that accepts it, the same work set", async () => {
    const plain = await as(ctx, "station", { method: "GET", url: "/api/v1/field/work-set" });
    const zipped = await as(ctx, "station", {
      method: "GET",
      url: "/api/v1/field/work-set",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    const unzipped = JSON.parse(gunzipSync(zipped.rawPayload).toString("utf8"));
    expect(workSet.parse(unzipped)).toEqual(workSet.parse(plain.json()));
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
  });

  it("a committee member gets their village's grid; office and admin roles are refused", async () => {
    const c = (await get("committee")).body!;
    expect(c.grids.map((g) => g.id)).toEqual([ids.gridA]);
    expect(c.sites.map((s) => s.id)).toEqual([ids.siteA]);
    const station = (await get("station")).body!;
    expect(station.grids.map((g) => g.id).sort()).toEqual(expect.arrayContaining([ids.gridA, ids.gridB]));
    for (const username of ["county", "lead", "auditor", "admin"])
      expect((await get(username)).res.statusCode, username).toBe(403);
  });
});
