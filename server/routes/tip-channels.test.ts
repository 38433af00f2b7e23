import http from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList } from "../../domain/outbound/outbound-rules";
import { runDeliveryJob } from "../jobs/delivery-job";
import { verifyWebhook } from "../jobs/webhook-signature";
import { allRowsText } from "../test/all-rows-text";
import { eachApi } from "../test/api-harness";
import { act, as, upload, useTempDataDir, villagePoint } from "./case-test-kit";
import { fileTip } from "./tip-test-kit";

const xml = new XMLParser({ parseTagValue: false });
/** GeoReport v2's fields of a POST answer (http://wiki.open311.org/GeoReport_v2/#post-service-request). */
const postFields = ["service_request_id", "service_notice", "account_id"];
const form = (o: Record<string, string | number>) =>
  Object.entries(o)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
const informant = { last: "欧阳", first: "明月", phone: "13977778888" };
const caller = { name: "司马来电", phone: "13566667777" };

eachApi("Tip channels: Open311 POST, 12345 intake, rewards", (ctx) => {
  useTempDataDir(ctx);
  let o311Key = "";
  let o311Id = "";
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    const issued = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/tip-clients/open311",
      payload: { countyCode: "620123", name: "市民通 App" },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    o311Key = issued.json().key;
    o311Id = issued.json().id;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const post = (format: "json" | "xml", fields: Record<string, string | number>) =>
    ctx.app.inject({
      method: "POST",
      url: `/open311/v2/requests.${format}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form(fields),
    });
  const caseCount = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom("caseRecord")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const valid = {
    service_code: "fireworks",
    lat: 35.8457,
    long: 104.1146,
    address_string: "和平镇西街 3 号",
    description: "有人在民房里囤放大量烟花爆竹",
  };

  describe("Open311 POST requests", () => {
    it("keeps only a hash of the key and lists its last four characters", async () => {
      const rows = await ctx.deps.db.selectFrom("tipApiClient").selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(o311Key);
      const list = await as(ctx, "county", { method: "GET", url: "/api/v1/tip-clients/open311" });
      expect(list.json().items[0]).toMatchObject({ keyHint: o311Key.slice(-4), revokedAt: null });
      expect(list.body).not.toContain(o311Key);
      expect(
        (await as(ctx, "tipofficer", { method: "GET", url: "/api/v1/tip-clients/open311" })).statusCode,
      ).toBe(403);
    });

    it("files a tip from a form-encoded POST, in JSON and XML, with the spec's fields", async () => {
      const res = await post("json", {
        ...valid,
        api_key: o311Key,
        jurisdiction_id: "620123",
        first_name: informant.first,
        last_name: informant.last,
        phone: informant.phone,
        email: "someone@example.com",
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("application/json");
      const [made] = res.json();
      expect(Object.keys(made)).toEqual(postFields);
      expect(made.service_request_id).toMatch(/^620123-\d{4}-\d+$/);
      expect(res.body).not.toContain(informant.phone);
      const one = await ctx.app.inject({
        method: "GET",
        url: `/open311/v2/requests/${made.service_request_id}.json`,
      });
      expect(one.json()[0]).toMatchObject({
        status: "open",
        service_code: "fireworks",
        address: "和平镇西街 3 号",
      });
      expect(one.json()[0].expected_datetime).toMatch(/\+08:00$/);
      const tip = await ctx.deps.db
        .selectFrom("tip")
        .selectAll()
        .where("clientId", "=", o311Id)
        .executeTakeFirstOrThrow();
      expect(tip).toMatchObject({ channel: "open311", realName: 1 });

      const x = await post("xml", { ...valid, api_key: o311Key, service_code: "gas" });
      expect(x.statusCode).toBe(200);
      expect(x.headers["content-type"]).toContain("text/xml");
      const parsed = xml.parse(x.body);
      expect(Object.keys(parsed.service_requests.request)).toEqual(postFields);
      expect(parsed.service_requests.request.service_request_id).toMatch(/^620123-/);
    });

    it("answers the spec's error arrays and stores nothing for bad input", async () => {
      const before = await caseCount();
      const cases: [Record<string, string | number>, number, RegExp][] = [
        [{ ...valid }, 403, /api_key/],
        [{ ...valid, api_key: "o311_wrong-key-wrong-key" }, 403, /api_key/],
        [{ ...valid, api_key: o311Key, description: "" }, 400, /description/],
        [{ ...valid, api_key: o311Key, description: "   " }, 400, /description/],
        [{ ...valid, api_key: o311Key, service_code: "nope" }, 404, /service_code/],
        [{ ...valid, api_key: o311Key, jurisdiction_id: "620102" }, 404, /jurisdiction_id/],
        [{ ...valid, api_key: o311Key, lat: 23.1, long: 113.3 }, 400, /outside/],
        [{ ...valid, api_key: o311Key, lat: "north" }, 400, /lat/],
        [{ api_key: o311Key, service_code: "gas", description: "没有位置的举报内容" }, 400, /location/],
      ];
      for (const [fields, status, text] of cases) {
        const res = await post("json", fields);
        expect(res.statusCode, JSON.stringify(fields)).toBe(status);
        const body = res.json();
        expect(body).toHaveLength(1);
        expect(Object.keys(body[0])).toEqual(["code", "description"]);
        expect(body[0].code).toBe(status);
        expect(body[0].description).toMatch(text);
        const asXml = await post("xml", fields);
        expect(xml.parse(asXml.body).errors.error.code).toBe(String(status));
      }
      expect(await caseCount()).toBe(before);
    });

    it("keeps a script in the description as text", async () => {
      const script = "<script>alert('x')</script> 仓库堆放大量油漆";
      const res = await post("xml", { ...valid, api_key: o311Key, description: script });
      expect(res.statusCode).toBe(200);
      const number = xml.parse(res.body).service_requests.request.service_request_id;
      const kase = await ctx.deps.db
        .selectFrom("caseRecord")
        .select("description")
        .where("number", "=", number)
        .executeTakeFirstOrThrow();
      expect(kase.description).toContain(script);
      const listed = await ctx.app.inject({ method: "GET", url: `/open311/v2/requests/${number}.xml` });
      expect(listed.body).not.toContain("<script>");
    });

    it("refuses a revoked key at once", async () => {
      const other = await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/tip-clients/open311",
        payload: { countyCode: "620123", name: "临时客户端" },
      });
      const { key, id } = other.json();
      expect((await post("json", { ...valid, api_key: key })).statusCode).toBe(200);
      const revoked = await as(ctx, "county", {
        method: "POST",
        url: `/api/v1/tip-clients/open311/${id}/revoke`,
      });
      expect(revoked.statusCode).toBe(200);
      expect((await post("json", { ...valid, api_key: key })).statusCode).toBe(403);
      expect(
        (await as(ctx, "county", { method: "POST", url: `/api/v1/tip-clients/open311/${id}/revoke` }))
          .statusCode,
      ).toBe(409);
      expect(
        (
          await as(ctx, "other_county", {
            method: "POST",
            url: `/api/v1/tip-clients/open311/${o311Id}/revoke`,
          })
        ).statusCode,
      ).toBe(404);
    });
  });

  describe("12345 work-order intake", () => {
    let platformKey = "";
    let secret = "";
    let caseNumber = "";
    const send = (body: Record<string, unknown>, key = platformKey) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/intake/work-orders",
        headers: { authorization: `Bearer ${key}` },
        payload: body,
      });
    const order = {
      number: "GD20261205-0001",
      category: "安全生产-燃气",
      description: "小区楼下餐馆燃气罐露天堆放，来电人担心爆炸",
      address: "和平镇东街 12 号",
      lng: villagePoint.lng,
      lat: villagePoint.lat,
      caller,
    };

    it("issues a platform key with a checked callback URL", async () => {
      const blocked = await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/tip-clients/platforms",
        payload: { countyCode: "620123", name: "12345 热线", callbackUrl: "http://169.254.169.254/x" },
      });
      expect(blocked.statusCode).toBe(422);
      const res = await as(ctx, "county", {
        method: "POST",
        url: "/api/v1/tip-clients/platforms",
        payload: {
          countyCode: "620123",
          name: "12345 热线",
          callbackUrl: `http://hotline.example.test:${port}/cb`,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      platformKey = res.json().key;
      secret = res.json().callbackSecret;
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
    });

    it("maps the category by the county's table and turns the order into a hotline tip, once", async () => {
      const map = await as(ctx, "tipofficer", {
        method: "PUT",
        url: "/api/v1/tip-category-maps/620123",
        payload: { rows: [{ categoryText: "安全生产-燃气", kind: "gas" }] },
      });
      expect(map.statusCode, map.body).toBe(200);
      expect((await send(order, "plat_wrong_key_123456")).statusCode).toBe(401);
      const first = await send(order);
      expect(first.statusCode, first.body).toBe(201);
      caseNumber = first.json().caseNumber;
      const again = await send({ ...order, description: "重复推送的同一工单内容" });
      expect(again.statusCode).toBe(200);
      expect(again.json().caseNumber).toBe(caseNumber);
      const kase = await ctx.deps.db
        .selectFrom("caseRecord")
        .innerJoin("tip", "tip.caseId", "caseRecord.id")
        .select([
          "caseRecord.source",
          "caseRecord.category",
          "tip.kind",
          "tip.realName",
          "tip.externalNumber",
        ])
        .where("caseRecord.number", "=", caseNumber)
        .execute();
      expect(kase).toEqual([
        { source: "hotline", category: "gas", kind: "gas", realName: 1, externalNumber: order.number },
      ]);
      const unmapped = await send({ ...order, number: "GD-2", category: "其他类" });
      expect(unmapped.statusCode).toBe(201);
    });

    it("refuses bad orders with a clear message and stores nothing", async () => {
      const before = await caseCount();
      for (const bad of [
        { ...order, number: "GD-bad-1", description: "" },
        { ...order, number: "GD-bad-2", lng: 113.3, lat: 23.1 },
        { ...order, number: "GD-bad-3", lng: undefined, address: undefined },
        { ...order, number: "" },
      ]) {
        const res = await send(bad);
        expect(res.statusCode, JSON.stringify(bad)).toBe(422);
        expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await caseCount()).toBe(before);
    });

    it("sends status updates to the callback, signed, without the caller", async () => {
      const id = (
        await ctx.deps.db
          .selectFrom("caseRecord")
          .select("id")
          .where("number", "=", caseNumber)
          .executeTakeFirstOrThrow()
      ).id;
      expect((await act(ctx, "lead", id, "reject", { reason: "经核实已由燃气公司处理" })).statusCode).toBe(
        200,
      );
      ctx.deps.config.outbound = { ...ctx.deps.config.outbound, allow: parseAllowList("127.0.0.1") };
      await runDeliveryJob(ctx.deps, { sms: null, resolve: async () => ["127.0.0.1"] });
      const mine = received.filter((r) => r.body.includes(order.number));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      const closed = mine.map((r) => JSON.parse(r.body)).find((b) => b.status === "closed");
      expect(closed).toMatchObject({ workOrderNumber: order.number, caseNumber, stage: "rejected" });
      for (const r of mine) {
        const ts = Number(r.headers["x-safegrid-timestamp"]);
        expect(verifyWebhook(secret, ts, r.body, String(r.headers["x-safegrid-signature"]))).toBe(true);
        expect(r.body).not.toContain(caller.name);
        expect(r.body).not.toContain(caller.phone);
      }
    });
  });

  describe("rewards", () => {
    let tipId = "";
    let caseId = "";
    let rewardId = "";
    let code = "";
    const status = async (c = code) =>
      (
        await ctx.app.inject({ method: "POST", url: "/api/v1/public/tips/track", payload: { code: c } })
      ).json();
    const track = async () => (await status()).reward;
    beforeAll(async () => {
      const filed = await fileTip(ctx.app, {
        kind: "illegal_production",
        anonymous: false,
        name: "上官举报",
        phone: "13655556666",
      });
      expect(filed.statusCode, filed.body).toBe(201);
      code = filed.json().code;
      const row = await ctx.deps.db
        .selectFrom("tip")
        .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
        .select(["tip.id", "tip.caseId"])
        .where("caseRecord.number", "=", filed.json().number)
        .executeTakeFirstOrThrow();
      tipId = row.id;
      caseId = row.caseId;
    });

    it("cannot be proposed before the case is confirmed and closed", async () => {
      const res = await as(ctx, "tipofficer", {
        method: "POST",
        url: `/api/v1/tips/${tipId}/rewards`,
        payload: { rule: "illegal_production", fineYuan: 50_000 },
      });
      expect(res.statusCode).toBe(409);
    });

    it("walks proposal, second-person approval and payout; the informant sees it", async () => {
      const market = ctx.departments["620123"].market;
      const step = async (r: Promise<{ statusCode: number; body: string }>) => {
        const res = await r;
        expect(res.statusCode, res.body).toBeLessThan(300);
      };
      await step(act(ctx, "lead", caseId, "triage", { type: "violation", category: "industry_trade" }));
      await step(act(ctx, "lead", caseId, "dispatch", { departmentId: market }));
      await step(act(ctx, "market", caseId, "accept", {}));
      const ev = await upload(ctx, "market");
      ctx.deps.clock.advance({ minutes: 5 });
      await step(
        act(ctx, "market", caseId, "feedback", { result: "fixed", note: "已取缔", evidenceIds: [ev.id] }),
      );
      ctx.deps.clock.advance({ minutes: 5 });
      await step(act(ctx, "worker", caseId, "recheck", { passed: true, location: villagePoint }));
      await step(act(ctx, "lead", caseId, "close", {}));

      // a case handler may not read or propose rewards
      expect((await as(ctx, "lead", { method: "GET", url: "/api/v1/tip-rewards" })).statusCode).toBe(403);
      const proposed = await as(ctx, "tipofficer", {
        method: "POST",
        url: `/api/v1/tips/${tipId}/rewards`,
        payload: { rule: "illegal_production", fineYuan: 50_000 },
      });
      expect(proposed.statusCode, proposed.body).toBe(201);
      expect(proposed.json()).toMatchObject({ amountYuan: 7_500, status: "proposed" });
      rewardId = proposed.json().id;
      expect(await track()).toBeNull();
      // one reward per matter
      const twice = await as(ctx, "tipofficer2", {
        method: "POST",
        url: `/api/v1/tips/${tipId}/rewards`,
        payload: { rule: "illegal_production", fineYuan: 10 },
      });
      expect(twice.json().code).toBe("not_eligible_duplicate");
      // the proposer may not approve
      const self = await as(ctx, "tipofficer", {
        method: "POST",
        url: `/api/v1/tip-rewards/${rewardId}/decision`,
        payload: { approve: true },
      });
      expect(self.statusCode).toBe(403);
      const approved = await as(ctx, "finance", {
        method: "POST",
        url: `/api/v1/tip-rewards/${rewardId}/decision`,
        payload: { approve: true, note: "同意" },
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().abilities.pay).toBe(true);
      expect(await track()).toBe("available");
      // the real-name informant, holding the code, sees the approved amount (nobody else holds the code)
      expect(await status()).toMatchObject({ reward: "available", rewardAmountYuan: 7_500 });
      const paid = await as(ctx, "finance", {
        method: "POST",
        url: `/api/v1/tip-rewards/${rewardId}/payout`,
        payload: { payoutRef: "FK-2026-001" },
      });
      expect(paid.json()).toMatchObject({ status: "paid", payoutRef: "FK-2026-001" });
      expect(await track()).toBe("paid");
      expect((await status()).rewardAmountYuan).toBe(7_500);
      expect(
        (
          await as(ctx, "finance", {
            method: "POST",
            url: `/api/v1/tip-rewards/${rewardId}/payout`,
            payload: { payoutRef: "FK-2026-002" },
          })
        ).statusCode,
      ).toBe(409);
    });

    it("never shows an amount through an anonymous tip's code", async () => {
      const anon = await fileTip(ctx.app, { kind: "illegal_production" });
      expect(anon.statusCode, anon.body).toBe(201);
      const before = await status(anon.json().code);
      expect(before).toMatchObject({ reward: null, rewardAmountYuan: null });
      // a reward row for an anonymous tip cannot be made through the API (409); stored directly, the
      // status says a reward exists but still carries no amount
      const tip = await ctx.deps.db
        .selectFrom("tip")
        .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
        .select(["tip.id", "tip.caseId", "tip.realName"])
        .where("caseRecord.number", "=", anon.json().number)
        .executeTakeFirstOrThrow();
      expect(tip.realName).toBe(0);
      const row = await ctx.deps.db
        .selectFrom("tipReward")
        .selectAll()
        .where("id", "=", rewardId)
        .executeTakeFirstOrThrow();
      const fakeId = "00000000-0000-4000-8000-00000000f00d";
      await ctx.deps.db
        .insertInto("tipReward")
        .values({ ...row, id: fakeId, tipId: tip.id, caseId: tip.caseId, status: "approved" })
        .execute();
      try {
        expect(await status(anon.json().code)).toMatchObject({ reward: "available", rewardAmountYuan: null });
      } finally {
        await ctx.deps.db.deleteFrom("tipReward").where("id", "=", fakeId).execute();
      }
    });

    it("is readable only by the tip officer and finance", async () => {
      for (const user of Object.keys(ctx.users)) {
        const res = await as(ctx, user, { method: "GET", url: `/api/v1/tip-rewards/${rewardId}` });
        const allowed = ["tipofficer", "tipofficer2", "finance"].includes(user);
        expect(res.statusCode, user).toBe(allowed ? 200 : user.startsWith("other") ? 403 : 403);
      }
    });

    it("follows the county's own rules", async () => {
      const rules = await as(ctx, "county", { method: "GET", url: "/api/v1/tip-reward-rules/620123" });
      expect(rules.json()).toMatchObject({ national: true, rules: { finePercent: 15, minYuan: 3000 } });
      const saved = await as(ctx, "county", {
        method: "PUT",
        url: "/api/v1/tip-reward-rules/620123",
        payload: { ...rules.json().rules, finePercent: 20, maxYuan: 500_000 },
      });
      expect(saved.json()).toMatchObject({ national: false, rules: { finePercent: 20 } });
      const bad = await as(ctx, "county", {
        method: "PUT",
        url: "/api/v1/tip-reward-rules/620123",
        payload: { ...rules.json().rules, minYuan: 900_000 },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({
        code: "validation_failed",
        message: "最低奖励金额不能高于最高奖励金额",
      });
      const negative = await as(ctx, "county", {
        method: "PUT",
        url: "/api/v1/tip-reward-rules/620123",
        payload: { ...rules.json().rules, perDeathYuan: { ...rules.json().rules.perDeathYuan, major: -5 } },
      });
      expect(negative.statusCode).toBe(422);
      expect(negative.json().message).toBe("金额不能为负数");
      // nothing of the refused saves was kept
      const kept = await as(ctx, "county", { method: "GET", url: "/api/v1/tip-reward-rules/620123" });
      expect(kept.json().rules).toMatchObject({ finePercent: 20, maxYuan: 500_000, minYuan: 3000 });
      expect(
        (
          await as(ctx, "tipofficer", {
            method: "PUT",
            url: "/api/v1/tip-reward-rules/620123",
            payload: rules.json().rules,
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  it("never lets an informant's or caller's identity out of the new outputs", async () => {
    const outputs: [string, string][] = [];
    const tips = await ctx.deps.db.selectFrom("tip").select("id").execute();
    for (const user of Object.keys(ctx.users)) {
      for (const url of [
        "/api/v1/tip-rewards",
        "/api/v1/tips",
        ...tips.map((t) => `/api/v1/tips/${t.id}`),
        "/api/v1/tip-clients/platforms",
        "/api/v1/notifications?pageSize=200",
        "/api/v1/trail/events?pageSize=200",
      ])
        outputs.push([`${user} ${url}`, (await as(ctx, user, { method: "GET", url })).body]);
    }
    for (const f of ["json", "xml"])
      outputs.push([
        `open311 ${f}`,
        (await ctx.app.inject({ method: "GET", url: `/open311/v2/requests.${f}` })).body,
      ]);
    outputs.push(["callbacks", received.map((r) => r.body).join("\n")]);
    outputs.push(["every stored row", await allRowsText(ctx.deps.db)]);
    expect(
      outputs.filter(([, b]) => b.includes("上官") === false && b.includes("7500")).length,
    ).toBeGreaterThan(0);
    const secrets = [
      informant.phone,
      `${informant.last}${informant.first}`,
      caller.name,
      caller.phone,
      "上官举报",
      "13655556666",
    ];
    const leaks = outputs.filter(([, b]) => secrets.some((s) => b.includes(s))).map(([w]) => w);
    expect(leaks).toEqual([]);
  });
});
