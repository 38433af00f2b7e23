import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { upsertBoundary } from "../../db/queries/region-queries";
import { boxPolygon } from "../../domain/geo/geometry";
import { buildApp } from "../app";
import { allRowsText } from "../test/all-rows-text";
import { eachApi } from "../test/api-harness";
import { act, as, upload, useTempDataDir, villagePoint } from "./case-test-kit";
import { exifMarker, fileTip, jpegWithExif, solvedChallenge, tipFields, tipMultipart } from "./tip-test-kit";

const informant = { name: "王秀英", phone: "13912345678" };

eachApi("public tips", (ctx) => {
  useTempDataDir(ctx);
  let code = "";
  let caseId = "";
  const track = (c: string) =>
    ctx.app.inject({ method: "POST", url: "/api/v1/public/tips/track", payload: { code: c } });

  beforeAll(async () => {
    const res = await fileTip(ctx.app, { anonymous: false, ...informant }, [jpegWithExif()]);
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().code;
    const kase = await ctx.deps.db
      .selectFrom("caseRecord")
      .selectAll()
      .where("number", "=", res.json().number)
      .executeTakeFirstOrThrow();
    caseId = kase.id;
  });

  it("files a tip without a session: a case from the public, a 160-bit code kept only as a hash", async () => {
    expect(code).toMatch(/^[A-Z2-7]{32}$/);
    const kase = await ctx.deps.db
      .selectFrom("caseRecord")
      .selectAll()
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(kase.source).toBe("public_tip");
    expect(kase.stage).toBe("reported");
    expect(kase.reporterId).toBeNull();
    const tip = await ctx.deps.db
      .selectFrom("tip")
      .selectAll()
      .where("caseId", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(Object.keys(tip).sort()).toEqual(
      [
        "address",
        "caseId",
        "channel",
        "clientId",
        "countyCode",
        "externalNumber",
        "createdAt",
        "happenedAt",
        "id",
        "kind",
        "realName",
        "trackingHash",
      ].sort(),
    );
    const everything = await allRowsText(ctx.deps.db);
    expect(everything).not.toContain(code);
    // no address or browser of the sender anywhere
    expect(everything).not.toContain("127.0.0.1");
    expect(everything).not.toContain("lightMyRequest");
  });

  it("strips the photo's EXIF data before storing it", async () => {
    const ev = await ctx.deps.db.selectFrom("evidence").selectAll().where("caseId", "=", caseId).execute();
    expect(ev).toHaveLength(1);
    const file = path.join(ctx.deps.config.dataDir, "evidence", ev[0].sha256);
    const stored = fs.readFileSync(file);
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.toString("latin1")).not.toContain(exifMarker);
    expect(stored.toString("latin1")).not.toContain("Exif");
  });

  it("keeps the informant's name and phone sealed, apart from the tip, and nowhere in the clear", async () => {
    const sealed = await ctx.deps.db.selectFrom("tipInformant").selectAll().execute();
    expect(sealed).toHaveLength(1);
    expect(sealed[0].sealed).toMatch(/^v1\./);
    const everything = await allRowsText(ctx.deps.db);
    expect(everything).not.toContain(informant.name);
    expect(everything).not.toContain(informant.phone);
    const detail = await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${caseId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(informant.name);
    expect(detail.body).not.toContain(informant.phone);
  });

  it("shows the informant the stage and deadline; a wrong code reads like a missing one", async () => {
    const res = await track(code.toLowerCase().replace(/(.{4})/g, "$1 "));
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ stage: "reported", open: true, overdue: false, messages: [] });
    expect(s.deadline).toBeTruthy();
    const wrong = await track("A".repeat(32));
    const malformed = await track("hello");
    expect(wrong.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(wrong.body).toBe(malformed.body);
  });

  it("limits tracking-code guesses and tips per source, with a clear message, storing nothing", async () => {
    const tight = await buildApp({
      ...ctx.deps,
      config: {
        ...ctx.deps.config,
        tips: { ...ctx.deps.config.tips, trackPerSourcePerMinute: 3, perSourcePerHour: 2 },
      },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await tight.inject({
              method: "POST",
              url: "/api/v1/public/tips/track",
              payload: { code: `${"B".repeat(31)}${i}` },
            })
          ).statusCode,
        );
      expect(codes).toEqual([404, 404, 404, 429, 429]);
      const limited = await tight.inject({
        method: "POST",
        url: "/api/v1/public/tips/track",
        payload: { code },
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().message).toContain("请求过于频繁");
      // another source is not limited
      const other = await tight.inject({
        method: "POST",
        url: "/api/v1/public/tips/track",
        payload: { code },
        remoteAddress: "10.1.2.3",
      });
      expect(other.statusCode).toBe(200);
      const before = await ctx.deps.db.selectFrom("tip").select("id").execute();
      const filed = [];
      for (let i = 0; i < 3; i++) filed.push((await fileTip(tight)).statusCode);
      expect(filed).toEqual([201, 201, 429]);
      const after = await ctx.deps.db.selectFrom("tip").select("id").execute();
      expect(after.length).toBe(before.length + 2);
    } finally {
      await tight.close();
    }
  });

  it("refuses bad input with a clear message and stores nothing", async () => {
    const count = async () => ({
      tips: (await ctx.deps.db.selectFrom("tip").select("id").execute()).length,
      cases: (await ctx.deps.db.selectFrom("caseRecord").select("id").execute()).length,
      evidence: (await ctx.deps.db.selectFrom("evidence").select("id").execute()).length,
    });
    const before = await count();
    const empty = await fileTip(ctx.app, { description: "  " });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().message).toContain("问题描述");
    const beijing = await fileTip(ctx.app, { location: { lng: 116.39, lat: 39.9 } }, [jpegWithExif()]);
    expect(beijing.statusCode).toBe(422);
    expect(beijing.json().message).toContain("位置");
    // without photos the place is checked inside the write transaction, which tips arriving together
    // share: a refused one rolls back alone
    const [good, far] = await Promise.all([
      fileTip(ctx.app, {}),
      fileTip(ctx.app, { location: { lng: 116.39, lat: 39.9 } }),
    ]);
    expect([good.statusCode, far.statusCode]).toEqual([201, 422]);
    expect(far.json().message).toContain("位置");
    expect((await fileTip(ctx.app, { regionCode: "620123999999" })).json().message).toContain("乡镇");
    const twenty = await fileTip(
      ctx.app,
      {},
      Array.from({ length: 20 }, () => jpegWithExif()),
    );
    expect(twenty.statusCode).toBe(422);
    expect(twenty.json().message).toContain("最多上传 6 张");
    const huge = await fileTip(ctx.app, {}, [
      Buffer.concat([jpegWithExif(), Buffer.alloc(30 * 1024 * 1024)]),
    ]);
    expect([413, 422]).toContain(huge.statusCode);
    expect(huge.json().message).toMatch(/MB|过大|超过/);
    const notPhoto = await fileTip(ctx.app, {}, [Buffer.from("MZ not a photo at all")]);
    expect(notPhoto.statusCode).toBe(422);
    const realNoPhone = await fileTip(ctx.app, { anonymous: false, name: "张三" });
    expect(realNoPhone.statusCode).toBe(422);
    expect(realNoPhone.json().message).toContain("实名");
    // no proof of work: refused
    const unsolved = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/tips",
      ...tipMultipart({ ...tipFields(), challenge: "1.2.3.4xxxxxxxxx", nonce: "1" }),
    });
    expect(unsolved.statusCode).toBe(422);
    expect(unsolved.json().code).toBe("tip_check_failed");
    // a solved challenge is used once
    const check = await solvedChallenge(ctx.app);
    const once = async () =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/public/tips",
        ...tipMultipart({ ...tipFields(), ...check }),
      });
    expect((await once()).statusCode).toBe(201);
    expect((await once()).json().code).toBe("tip_check_failed");
    const after = await count();
    expect(after).toEqual({ tips: before.tips + 2, cases: before.cases + 2, evidence: before.evidence });
  });

  it("files a tip with an address and no location", async () => {
    const res = await fileTip(ctx.app, { location: undefined, address: "榆中县城关镇兴隆路 3 号院内" });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("keeps a script in the description as text", async () => {
    const script = '<script>alert("x")</script>有人在仓库违规存放油漆';
    const res = await fileTip(ctx.app, { description: script });
    expect(res.statusCode).toBe(201);
    const kase = await ctx.deps.db
      .selectFrom("caseRecord")
      .select("description")
      .where("number", "=", res.json().number)
      .executeTakeFirstOrThrow();
    expect(kase.description.startsWith(script)).toBe(true);
  });

  it("walks the tip through the loop: replies, an answer, closing, and 'not fixed' reopens", async () => {
    const ask = await as(ctx, "lead", {
      method: "POST",
      url: `/api/v1/cases/${caseId}/tip-thread/replies`,
      payload: { body: "请问钢瓶是在哪一家饭店？" },
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect(
      (
        await as(ctx, "worker", {
          method: "POST",
          url: `/api/v1/cases/${caseId}/tip-thread/replies`,
          payload: { body: "你好你好" },
        })
      ).statusCode,
    ).toBe(403);
    const answered = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/tips/messages",
      payload: { code, body: "东街 12 号的老王饭店" },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().messages.map((m: { direction: string }) => m.direction)).toEqual([
      "official",
      "informant",
    ]);
    const thread = await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${caseId}/tip-thread` });
    expect(thread.json().messages).toHaveLength(2);
    // through the loop to closed
    const market = ctx.departments["620123"].market;
    for (const [user, action, body] of [
      ["lead", "triage", { type: "general_hazard", category: "gas" }],
      ["lead", "dispatch", { departmentId: market }],
      ["market", "accept", {}],
    ] as const)
      expect((await act(ctx, user, caseId, action, body)).statusCode).toBe(200);
    const ev = await upload(ctx, "market");
    ctx.deps.clock.advance({ minutes: 5 });
    expect(
      (
        await act(ctx, "market", caseId, "feedback", {
          result: "fixed",
          note: "已整改",
          evidenceIds: [ev.id],
        })
      ).statusCode,
    ).toBe(200);
    ctx.deps.clock.advance({ minutes: 5 });
    expect(
      (await act(ctx, "worker", caseId, "recheck", { passed: true, location: villagePoint })).statusCode,
    ).toBe(200);
    expect((await act(ctx, "lead", caseId, "close", {})).statusCode).toBe(200);
    await as(ctx, "lead", {
      method: "POST",
      url: `/api/v1/cases/${caseId}/tip-thread/replies`,
      payload: { body: "经核查，钢瓶已移出地下室，感谢您的举报。" },
    });
    const closed = (await track(code)).json();
    expect(closed).toMatchObject({ stage: "closed", open: false, canSayNotFixed: true, deadline: null });
    expect(closed.messages.at(-1).body).toContain("感谢您的举报");
    // never a handler's name or a department's note
    const raw = (await track(code)).body;
    for (const u of ["lead", "market", "worker"]) expect(raw).not.toContain(ctx.users[u].id);
    expect(raw).not.toContain("测试");
    expect(raw).not.toContain("已整改");
    const reopened = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/tips/not-fixed",
      payload: { code, body: "钢瓶又搬回去了" },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ stage: "handling", open: true, canSayNotFixed: false });
    const again = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/tips/not-fixed",
      payload: { code },
    });
    expect(again.statusCode).toBe(409);
    const events = await ctx.deps.db
      .selectFrom("event")
      .selectAll()
      .where("subjectId", "=", caseId)
      .execute();
    expect(events.map((e) => e.action)).toContain("case.reopened");
    expect(events.find((e) => e.action === "tip.informant_answered")?.data).not.toContain("老王饭店");
  });
  it("checks the location against the county's boundary as stored now: a replaced boundary counts at once", async () => {
    const square = boxPolygon;
    const save = (geometry: object, updatedAt: string) =>
      upsertBoundary(ctx.deps.db, {
        code: "620123",
        geojson: JSON.stringify({
          type: "Feature",
          id: "620123",
          properties: { code: "620123", name: "榆中县" },
          geometry,
        }),
        source: "test",
        updatedAt,
      });
    const north = { location: { lng: 104.3, lat: 36.0 } };
    // imported: a boundary that leaves the usual point (104.1146, 35.8457) outside
    await save(square(104.2, 35.9, 104.5, 36.2), "2026-12-01T00:00:00.000Z");
    const refused = await fileTip(ctx.app, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain("位置");
    expect((await fileTip(ctx.app, north)).statusCode).toBe(201);
    // replaced: the cached parse of the first boundary is not used any more
    await save(square(104.0, 35.7, 104.2, 35.9), "2026-12-02T00:00:00.000Z");
    expect((await fileTip(ctx.app, {})).statusCode).toBe(201);
    expect((await fileTip(ctx.app, north)).statusCode).toBe(422);
    await ctx.deps.db.deleteFrom("regionBoundary").where("code", "=", "620123").execute();
  });
});
