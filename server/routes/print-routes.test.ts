import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { pdfInfo, pdfPngs, pdfText, qrTexts } from "../test/pdf-tools";
import { createFixtureGrids } from "./grid-test-fixtures";

const township = "620123100";
const hotline = "0931-5212350";
const norms = [
  "# 第一节 巡查规范",
  "网格员每月对**重点场所**巡查不少于一次，发现问题当日上报。",
  "- 小商铺：查看消防通道",
  "- 小作坊：查看用电用气",
  "1. 发现",
  "2. 上报",
  "<script>alert(1)</script>",
].join("\n");

eachApi("printables: grid handbook, duty cards, grid map (R9, R10)", (ctx) => {
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;
  const ids: Record<string, string> = {};
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const put = (user: string, url: string, payload: Record<string, unknown>) =>
    ctx.as(user, { method: "PUT", url, payload });

  beforeAll(async () => {
    grids = await createFixtureGrids(ctx);
    for (const [username, displayName, phone] of [
      ["gw_zhao", "赵网格员", "13900002222"],
      ["gw_qian", "钱无网格", null],
    ] as const) {
      const res = await ctx.as("admin", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username,
          displayName,
          role: "grid_worker",
          scope: ["620123100001"],
          password: testPassword,
          ...(phone ? { phone } : {}),
        },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      ids[username] = res.json().id;
    }
    for (const [grid, userId] of [
      [grids.A.id, ids.gw_zhao],
      [grids.B.id, ctx.users.worker.id],
    ]) {
      const res = await ctx.as("county", {
        method: "PUT",
        url: `/api/v1/grids/${grid}/workers`,
        payload: { workers: [{ userId, employment: "full_time" }] },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
    }
    const set = await ctx.as("county", {
      method: "PATCH",
      url: "/api/v1/county-settings/620123",
      payload: { hotline },
    });
    if (set.statusCode !== 200) throw new Error(set.body);
  });

  it("the county office sets the hotline; the setting keeps 同人不得闭环 and is in the trail", async () => {
    const read = await get("lead", "/api/v1/county-settings/620123");
    expect(read.json()).toMatchObject({ hotline, anotherPersonCloses: true });
    const bad = await ctx.as("county", {
      method: "PATCH",
      url: "/api/v1/county-settings/620123",
      payload: { hotline: "打电话" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("举报电话");
  });

  it("saves handbook versions (older ones stay readable) and prints them with the generated chapters", async () => {
    const url = `/api/v1/handbooks/${township}`;
    const empty = await get("lead", url);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ current: null, versions: [], abilities: { manage: true } });
    const v1 = await put("lead", url, { title: "城关镇网格手册", source: "# 旧规范\n第一版内容。" });
    expect(v1.statusCode).toBe(201);
    const v2 = await put("station", url, { title: "城关镇网格手册", source: norms });
    expect(v2.statusCode).toBe(201);
    const view = v2.json();
    expect(view.current).toMatchObject({ version: 2, createdByName: "测试station" });
    expect(view.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // The markup is a restricted structure: HTML stays literal text, bold is a run.
    expect(view.current.blocks).toContainEqual({
      type: "paragraph",
      runs: [{ text: "<script>alert(1)</script>" }],
    });
    expect(view.current.blocks[1].runs[1]).toEqual({ text: "重点场所", bold: true });
    const old = await get("worker", `${url}/versions/1`);
    expect(old.statusCode).toBe(200);
    expect(old.json().source).toBe("# 旧规范\n第一版内容。");
    expect((await get("worker", `${url}/versions/9`)).json().code).toBe("handbook_version_not_found");

    const pdf = await get("worker", `${url}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(pdf.rawPayload, "handbook");
    for (const expected of [
      "城关镇网格手册",
      "巡查规范",
      "重点场所",
      "兴隆路社区网格",
      "一悟路社区网格",
      "赵网格员 13900002222",
      "李安全 13912345678",
      "王联系 13887654321",
      "报告流程",
      "检查表",
      "办理时限",
      "工作日",
      hotline,
    ])
      expect(text, expected).toContain(expected);
    expect(Number(pdfInfo(pdf.rawPayload, "handbook").Pages)).toBe(view.current.pages);
    expect(pdf.rawPayload.length).toBeLessThan(600_000);
    expect(pdfPngs(pdf.rawPayload, "handbook", { dpi: 60 }).length).toBe(view.current.pages);
    const first = pdfText((await get("lead", `${url}/pdf?version=1`)).rawPayload, "handbook-v1");
    expect(first).toContain("第一版内容");
    expect(first).not.toContain("重点场所");

    const trail = await ctx.deps.db
      .selectFrom("event")
      .select(["action", "data"])
      .where("subjectType", "=", "handbook")
      .execute();
    expect(trail.map((e) => e.action)).toEqual(["handbook.saved", "handbook.saved"]);
  });

  it("refuses a handbook over its page budget with a Chinese message, storing nothing", async () => {
    const url = `/api/v1/handbooks/${township}`;
    const before = (await get("lead", url)).json().versions.length;
    const long = Array.from(
      { length: 400 },
      (_, i) => `第${i + 1}条 网格员应当按照要求开展巡查，如实记录并及时报告发现的问题。`,
    ).join("\n\n");
    const res = await put("lead", url, { title: "过长的手册", source: long, maxPages: 8 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("handbook_too_long");
    expect(res.json().message).toMatch(/网格手册共 \d+ 页，超过页数上限 8 页/);
    expect((await get("lead", url)).json().versions.length).toBe(before);
    const bad = await put("lead", url, { title: "", source: "x", extra: 1 });
    expect(bad.statusCode).toBe(422);
  });

  it("leaves staff phones out of the handbook for a service provider (they may not see them)", async () => {
    const text = pdfText(
      (await get("provider", `/api/v1/handbooks/${township}/pdf`)).rawPayload,
      "handbook-provider",
    );
    expect(text).toContain("李安全");
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("13900002222");
  });

  it("lets only the region's printers write, and everyone working there read", async () => {
    const url = `/api/v1/handbooks/${township}`;
    expect((await put("worker", url, { title: "t", source: "x" })).statusCode).toBe(403);
    expect((await put("market", url, { title: "t", source: "x" })).statusCode).toBe(403);
    expect((await get("other_county", url)).statusCode).toBe(404);
    expect((await get("auditor", url)).statusCode).toBe(403);
    expect((await get("lead", "/api/v1/handbooks/620123100001")).statusCode).toBe(422);
  });

  it("prints a duty card whose QR code opens the field app's report page for the worker's grid", async () => {
    const res = await get("station", `/api/v1/duty-cards/${ids.gw_zhao}/pdf`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload, "card-a6");
    for (const expected of [
      "网格员明白卡",
      "赵网格员",
      "兴隆路社区网格",
      "李安全",
      "工作任务",
      "报告方式",
      hotline,
    ])
      expect(text, expected).toContain(expected);
    expect(pdfInfo(res.rawPayload, "card-a6")["Page size"]).toMatch(/^297\.\d+ x 419\.\d+/);
    const [png] = pdfPngs(res.rawPayload, "card-a6", { dpi: 200 });
    expect(qrTexts(png)).toEqual([`http://localhost:80/m/report?grid=${grids.A.code}`]);

    const sheet = await get("lead", `/api/v1/duty-cards/${ctx.users.worker.id}/pdf?layout=a4x4`);
    expect(sheet.statusCode).toBe(200);
    expect(pdfInfo(sheet.rawPayload, "card-sheet")["Page size"]).toMatch(/^595\.\d+ x 841\.\d+/);
    expect(pdfText(sheet.rawPayload, "card-sheet")).toContain("一悟路社区网格");
  });

  it("refuses a card for a worker without a grid, naming them; a batch lists them as skipped", async () => {
    const res = await get("lead", `/api/v1/duty-cards/${ids.gw_qian}/pdf`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "worker_without_grid" });
    expect(res.json().message).toContain("钱无网格 尚未配备到任何网格");
    expect((await get("lead", `/api/v1/duty-cards/${ctx.users.station.id}/pdf`)).statusCode).toBe(404);
    expect((await get("worker", `/api/v1/duty-cards/${ids.gw_zhao}/pdf`)).statusCode).toBe(403);
    expect((await get("other_county", `/api/v1/duty-cards/${ids.gw_zhao}/pdf`)).statusCode).toBe(404);
    expect((await get("lead", `/api/v1/duty-cards/${ids.gw_zhao}/pdf?layout=a5`)).statusCode).toBe(422);

    const batch = await get("county", "/api/v1/duty-cards/pdf?region=620123");
    expect(batch.statusCode).toBe(200);
    expect(batch.headers["x-cards"]).toBe("2");
    expect(Number(batch.headers["x-skipped"])).toBeGreaterThanOrEqual(1);
    const text = pdfText(batch.rawPayload, "card-batch");
    expect(text).toContain("赵网格员");
    expect(text).toContain("未生成明白卡的网格员");
    expect(text).toContain("钱无网格：尚未配备到任何网格");
    pdfPngs(batch.rawPayload, "card-batch", { dpi: 80 });
    expect((await get("other_county", "/api/v1/duty-cards/pdf?region=620123")).statusCode).toBe(404);
    // a region without any card: the page of those left out alone
    const none = await get("other_lead", "/api/v1/duty-cards/pdf?region=620102");
    expect(none.statusCode).toBe(200);
    expect(none.headers["x-cards"]).toBe("0");
    expect(pdfText(none.rawPayload, "card-none")).toContain("未生成明白卡的网格员");
  });

  it("draws the grid map of a township at A3 and A4 with its legend, scale, north arrow and issuer", async () => {
    const a3 = await get("lead", `/api/v1/grid-maps/${township}/pdf?size=A3`);
    expect(a3.statusCode).toBe(200);
    expect(pdfInfo(a3.rawPayload, "map-a3")["Page size"]).toMatch(/^1190\.\d+ x 841\.\d+/);
    const text = pdfText(a3.rawPayload, "map-a3");
    for (const expected of [
      "安全生产网格化监管示意图",
      "兴隆路社区网格",
      "栖云北路社区网格",
      "赵网格员 13900002222",
      "李安全 13912345678",
      "王联系 13887654321",
      "北",
      "制图单位",
    ])
      expect(text, expected).toContain(expected);
    expect(text).toMatch(/\d+ (米|公里)/);
    pdfPngs(a3.rawPayload, "map-a3", { dpi: 60 });
    const a4 = await get("county", `/api/v1/grid-maps/${township}/pdf`);
    expect(pdfInfo(a4.rawPayload, "map-a4")["Page size"]).toMatch(/^841\.\d+ x 595\.\d+/);
    pdfPngs(a4.rawPayload, "map-a4", { dpi: 80 });
    const none = await get("other_lead", "/api/v1/grid-maps/620102/pdf");
    expect(none.statusCode).toBe(422);
    expect(none.json().message).toContain("尚未划分网格");
  });
});
