import { beforeAll, expect, it } from "vitest";
import { buildApp } from "../app";
import { eachApi } from "../test/api-harness";
import { act, as, useTempDataDir } from "./case-test-kit";
import { fileTip } from "./tip-test-kit";

/** The fields GeoReport v2 lists for each answer (http://wiki.open311.org/GeoReport_v2/). */
const serviceFields = [
  "service_code",
  "service_name",
  "description",
  "metadata",
  "type",
  "keywords",
  "group",
];
const requestFields = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];
const iso8601Tz = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+|-)\d\d:\d\d$/;
/** The child element names of each `<item>` of an XML list (a small reader for these flat answers). */
const xmlItems = (xml: string, item: string) =>
  [...xml.matchAll(new RegExp(`<${item}>(.*?)</${item}>`, "g"))].map((m) =>
    [...m[1].matchAll(/<([a-z_]+)(?:\/>|>)/g)].map((x) => x[1]),
  );

eachApi("Open311 GeoReport v2", (ctx) => {
  useTempDataDir(ctx);
  let openNumber = "";
  let closedNumber = "";
  const get = (url: string) => ctx.app.inject({ method: "GET", url: `/open311/v2/${url}` });
  beforeAll(async () => {
    openNumber = (
      await fileTip(ctx.app, { kind: "fireworks", anonymous: false, name: "刘芳", phone: "13811112222" })
    ).json().number;
    const closed = await fileTip(ctx.app, { kind: "gas" });
    closedNumber = closed.json().number;
    const id = (
      await ctx.deps.db
        .selectFrom("caseRecord")
        .select("id")
        .where("number", "=", closedNumber)
        .executeTakeFirstOrThrow()
    ).id;
    await act(ctx, "lead", id, "reject", { reason: "经核实不属于安全生产问题" });
    await as(ctx, "lead", {
      method: "POST",
      url: `/api/v1/cases/${id}/tip-thread/replies`,
      payload: { body: "经核实，该问题已由燃气公司处理。" },
    });
  });

  it("answers discovery in JSON and XML", async () => {
    const json = await get("discovery.json");
    expect(json.statusCode).toBe(200);
    expect(json.json().endpoints[0]).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2" });
    expect(json.json().endpoints[0].formats).toEqual(["application/json", "text/xml"]);
    const xml = await get("discovery.xml");
    expect(xml.headers["content-type"]).toContain("text/xml");
    expect(xml.body).toContain("<discovery><changeset>");
    expect(xml.body).toContain("<endpoints><endpoint><specification>");
  });

  it("lists the services with the spec's fields, and each definition, in JSON and XML", async () => {
    const json = (await get("services.json")).json();
    expect(json.length).toBeGreaterThan(5);
    for (const s of json) expect(Object.keys(s)).toEqual(serviceFields);
    expect(json.find((s: { service_code: string }) => s.service_code === "gas")).toMatchObject({
      metadata: false,
      type: "realtime",
    });
    const xml = (await get("services.xml")).body;
    for (const fields of xmlItems(xml, "service")) expect(fields).toEqual(serviceFields);
    expect((await get("services/gas.json")).json()).toEqual({ service_code: "gas", attributes: [] });
    expect((await get("services/gas.xml")).body).toContain(
      "<service_definition><service_code>gas</service_code><attributes></attributes>",
    );
    const missing = await get("services/nope.json");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: "service_code nope not found" }]);
    expect((await get("services/nope.xml")).body).toContain("<errors><error><code>404</code>");
    expect((await get("services.json?jurisdiction_id=620123")).statusCode).toBe(200);
    expect((await get("services.json?jurisdiction_id=999999")).json()[0].code).toBe(404);
  });

  it("lists requests with the spec's fields and filters, in JSON and XML, without the informant", async () => {
    const res = await get("requests.json");
    expect(res.statusCode).toBe(200);
    const all = res.json() as Record<string, unknown>[];
    expect(all.map((r) => r.service_request_id)).toEqual(expect.arrayContaining([openNumber, closedNumber]));
    for (const r of all) {
      expect(Object.keys(r)).toEqual(requestFields);
      expect(r.requested_datetime).toMatch(iso8601Tz);
      expect(["open", "closed"]).toContain(r.status);
    }
    const open = all.find((r) => r.service_request_id === openNumber)!;
    expect(open).toMatchObject({ status: "open", service_code: "fireworks" });
    expect(open.expected_datetime).toMatch(iso8601Tz);
    expect(open.agency_responsible).toBeTruthy();
    const closed = all.find((r) => r.service_request_id === closedNumber)!;
    expect(closed).toMatchObject({
      status: "closed",
      expected_datetime: null,
      status_notes: "经核实，该问题已由燃气公司处理。",
    });
    expect(res.body).not.toContain("刘芳");
    expect(res.body).not.toContain("13811112222");
    const xml = (await get("requests.xml")).body;
    for (const fields of xmlItems(xml, "request")) expect(fields).toEqual(requestFields);
    expect(xml).toContain(`<service_request_id>${openNumber}</service_request_id>`);
    // filters
    const ids = (url: string) =>
      get(url).then((r) => (r.json() as { service_request_id: string }[]).map((x) => x.service_request_id));
    expect(await ids("requests.json?status=closed")).toEqual([closedNumber]);
    expect(await ids("requests.json?status=open")).toContain(openNumber);
    expect(await ids("requests.json?service_code=fireworks")).toEqual([openNumber]);
    expect(await ids(`requests.json?service_request_id=${openNumber},${closedNumber}`)).toHaveLength(2);
    expect(await ids("requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z")).toEqual(
      [],
    );
    expect(await ids("requests.json?limit=1")).toHaveLength(1);
    expect((await get("requests.json?start_date=yesterday")).json()[0].code).toBe(400);
    expect((await get("requests.json?status=maybe")).statusCode).toBe(400);
    expect((await get("requests.json?limit=5000")).statusCode).toBe(400);
  });

  it("limits each source, answering 429 as an error array", async () => {
    const tight = await buildApp({
      ...ctx.deps,
      config: {
        ...ctx.deps.config,
        auth: { ...ctx.deps.config.auth, rateLimit: { ...ctx.deps.config.auth.rateLimit, apiPerMinute: 2 } },
      },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await tight.inject({ method: "GET", url: "/open311/v2/services.xml" })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      const limited = await tight.inject({ method: "GET", url: "/open311/v2/services.xml" });
      expect(limited.body).toContain("<errors><error><code>429</code>");
    } finally {
      await tight.close();
    }
  });

  it("answers one request by id in JSON and XML, and 404 as an error array", async () => {
    const one = await get(`requests/${openNumber}.json`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toHaveLength(1);
    expect(Object.keys(one.json()[0])).toEqual(requestFields);
    const xml = await get(`requests/${openNumber}.xml`);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request>/);
    const missing = await get("requests/620123-2026-999999.json");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([
      { code: 404, description: "service_request_id 620123-2026-999999 not found" },
    ]);
    const missingXml = await get("requests/620123-2026-999999.xml");
    expect(missingXml.body).toContain("<errors><error><code>404</code><description>");
  });
});
