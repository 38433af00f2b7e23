import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { countyLedger, type LedgerRow, ledgerHeaders, withHugeEmptySheet } from "../test/county-ledger";
import { multipart, square } from "./grid-test-fixtures";

// 单位名称, 统一社会信用代码, 行业类别, 经营地址, 法定代表人, 联系电话, 经度, 纬度, 备注
const ledger = (tag: string): LedgerRow[] => [
  [
    `${tag}兴隆加油站`,
    "914403001922038216",
    "加油站",
    "城关镇兴隆路 1 号",
    "王建国",
    "13900001111",
    104.012,
    35.815,
    "重点",
  ],
  [`${tag}星空网吧`, null, "网吧", "城关镇北街 8 号", "李明", "13900002222", 104.013, 35.816, null],
  [`${tag}城关区来的饭店`, null, "餐馆", "兰州市城关区", "赵六", null, 103.834, 36.061, "坐标在城关区"],
  [`${tag}区划码不存在`, "91629999710925462Y", "超市", "城关镇南街", "孙七", null, 104.014, 35.817, null],
  [`${tag}组织机构代码错`, "916201237109254610", "砖厂", "城关镇西街", "周八", null, 104.015, 35.818, null],
];

eachApi("sites: a county's own ledger through the mapping step", (ctx) => {
  const send = (url: string, content: Buffer, fields: Record<string, string> = {}, user = "county") =>
    ctx.as(user, { method: "POST", url, ...multipart(fields, { filename: "台账.xlsx", content }) });
  const find = async (q: string) =>
    (await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent(q)}` })).json();

  it("preview: finds the header below the merged title row, ignores empty sheets, matches columns by synonyms", async () => {
    const res = await send("/api/v1/sites/import/preview", await countyLedger(ledger("预览")));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      needsSheet: false,
      sheet: "监管对象台账",
      headerRow: 2,
      rows: 5,
      remembered: false,
    });
    expect(p.sheets).toEqual([
      { name: "监管对象台账", hasData: true },
      { name: "Sheet2", hasData: false },
      { name: "Sheet3", hasData: false },
    ]);
    const byHeader = Object.fromEntries(
      p.columns.map((c: { header: string; field: string }) => [c.header, c.field]),
    );
    expect(byHeader).toEqual({
      序号: null,
      单位名称: "name",
      统一社会信用代码: "uscc",
      行业类别: "industryCode",
      经营地址: "address",
      法定代表人: "legalRepresentative",
      联系电话: "contactPhone",
      经度: "lon",
      纬度: "lat",
      备注: null,
    });
    expect(p.missing).toContain("kind");
    expect(p.samples[0][1]).toBe("预览兴隆加油站");
    expect(await find("预览")).toMatchObject({ total: 0 });
  });

  it("all or nothing: a row located in another county is rejected naming that county; nothing is kept", async () => {
    const res = await send("/api/v1/sites/import", await countyLedger(ledger("全或无")), {
      mode: "all_or_nothing",
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 5, imported: 0, rejected: 1, kept: false });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 5, code: "outside_county", column: "经度/纬度" });
    expect(body.errors[0].message).toContain("城关区（620102）");
    expect(body.errors[0].message).toContain("榆中县");
    expect((await find("全或无")).total).toBe(0);
  });

  it("keep the good rows: 法定代表人 kept, 行业类别 through the synonyms, 类型 inferred, USCC warnings", async () => {
    const res = await send("/api/v1/sites/import", await countyLedger(ledger("保留")), { mode: "keep_good" });
    const body = res.json();
    expect(body, res.body).toMatchObject({ rows: 5, imported: 4, rejected: 1, kept: true });
    expect(body.errors[0]).toMatchObject({ row: 5, code: "outside_county" });
    const warn = (code: string) => body.warnings.find((w: { code: string }) => w.code === code);
    expect(warn("uscc_unknown_region")).toMatchObject({ row: 6, column: "统一社会信用代码" });
    expect(warn("uscc_unknown_region").message).toContain("629999");
    expect(warn("uscc_organisation_code")).toMatchObject({ row: 7 });
    expect(warn("uscc_organisation_code").message).toContain("应为“2”");
    const station = (await find("保留兴隆加油站")).items[0];
    expect(station).toMatchObject({
      industryCode: "5265",
      kind: "enterprise",
      legalRepresentative: "王建国",
      address: "城关镇兴隆路 1 号",
      regionCode: "620123",
    });
    expect((await find("保留星空网吧")).items[0]).toMatchObject({
      industryCode: "9013",
      kind: "small_entertainment",
    });
    expect((await find("保留城关区来的饭店")).total).toBe(0);
  });

  it("an industry text nobody can match: 422 listing it, nothing imported; answered once, then remembered", async () => {
    const rows: LedgerRow[] = [
      ["宇宙飞船维修部", null, "宇宙飞船修理", "城关镇东街", "钱九", null, 104.016, 35.819, null],
      ["另一家飞船修理", null, "宇宙飞船修理", "城关镇东街", "吴十", null, 104.016, 35.819, null],
    ];
    const file = await countyLedger(rows);
    const refused = await send("/api/v1/sites/import", file, {
      mode: "keep_good",
      constants: JSON.stringify({ kind: "small_shop" }),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.fileErrors[0].code).toBe("unmatched_industries");
    expect(refused.json().message).toContain("“宇宙飞船修理”（2 行）");
    expect(refused.json().details.unmatchedIndustries[0]).toMatchObject({ text: "宇宙飞船修理", rows: 2 });
    expect((await find("飞船")).total).toBe(0);
    const answered = await send("/api/v1/sites/import", file, {
      mode: "keep_good",
      constants: JSON.stringify({ kind: "small_shop" }),
      industries: JSON.stringify({ 宇宙飞船修理: "8111" }),
    });
    expect(answered.json(), answered.body).toMatchObject({ imported: 2 });
    expect((await find("宇宙飞船维修部")).items[0]).toMatchObject({
      industryCode: "8111",
      kind: "small_shop",
    });
    // the county's next ledger with the same words: the answer and the constant are remembered
    const next = await send(
      "/api/v1/sites/import",
      await countyLedger([["第三家飞船修理", null, "宇宙飞船修理", "东街", null, null, null, null, null]]),
      { mode: "keep_good" },
    );
    expect(next.json(), next.body).toMatchObject({ imported: 1 });
    expect((await find("第三家飞船修理")).items[0]).toMatchObject({
      industryCode: "8111",
      kind: "small_shop",
    });
  });

  it("a column the synonyms do not know is mapped by the user, and the mapping is offered again", async () => {
    const headers = ["序号", "商号", "行业类别", "经营地址"];
    const file = await countyLedger([["自定义列商铺", "超市", "城关镇"]], { headers });
    const first = (await send("/api/v1/sites/import/preview", file)).json();
    expect(first.columns.find((c: { header: string }) => c.header === "商号")).toMatchObject({ field: null });
    const res = await send("/api/v1/sites/import", file, {
      mapping: JSON.stringify({ 商号: "name", 序号: "" }),
      constants: JSON.stringify({ kind: "small_shop" }),
    });
    expect(res.json(), res.body).toMatchObject({ imported: 1 });
    expect((await find("自定义列商铺")).items[0]).toMatchObject({ kind: "small_shop", industryCode: "5212" });
    const second = (await send("/api/v1/sites/import/preview", file)).json();
    expect(second.remembered).toBe(true);
    expect(second.columns.find((c: { header: string }) => c.header === "商号")).toMatchObject({
      field: "name",
      source: "mapping",
    });
    expect(second.constants).toEqual({ kind: "small_shop" });
  });

  it("bad input: two header rows, a field mapped twice, a sheet of 1,048,576 empty rows: clear 4xx or ignored", async () => {
    const two = await send(
      "/api/v1/sites/import",
      await countyLedger(ledger("两行表头"), { extraHeader: true }),
    );
    expect(two.statusCode).toBe(422);
    expect(two.json().details.fileErrors[0].code).toBe("two_header_rows");
    expect(two.json().message).toContain("第 2 行和第 3 行都是表头");
    const twice = await send("/api/v1/sites/import", await countyLedger(ledger("映射两次")), {
      mapping: JSON.stringify({ 备注: "name" }),
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().details.fileErrors[0].code).toBe("duplicate_columns");
    expect(twice.json().message).toContain("“单位名称”与“备注”都对应“名称”");
    const badJson = await send("/api/v1/sites/import", await countyLedger(ledger("坏映射")), {
      mapping: "{不是 JSON",
    });
    expect(badJson.statusCode).toBe(422);
    expect((await find("两行表头")).total + (await find("映射两次")).total).toBe(0);

    const huge = await withHugeEmptySheet(
      await countyLedger([["空表旁的商铺", null, "超市", "城关镇", null, null, 104.017, 35.819, null]]),
    );
    const res = await send("/api/v1/sites/import", huge, {
      constants: JSON.stringify({ kind: "small_shop" }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1 });
    // only the huge empty sheet: nothing to import, said plainly
    const onlyEmpty = await withHugeEmptySheet(await countyLedger([], { headers: ["x"], title: "" }));
    const empty = await send("/api/v1/sites/import", onlyEmpty);
    expect(empty.statusCode).toBe(422);
  }, 120_000);

  it("a second sheet with data asks which sheet to use", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await countyLedger(ledger("两表"))) as unknown as ArrayBuffer);
    wb.getWorksheet("Sheet2")!.addRow(ledgerHeaders);
    wb.getWorksheet("Sheet2")!.addRow([1, "第二表的店", null, "超市"]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const asked = await send("/api/v1/sites/import", file);
    expect(asked.statusCode).toBe(422);
    expect(asked.json().details.fileErrors[0].code).toBe("choose_sheet");
    expect(asked.json().details.sheets).toEqual([
      { name: "监管对象台账", hasData: true },
      { name: "Sheet2", hasData: true },
      { name: "Sheet3", hasData: false },
    ]);
    expect((await send("/api/v1/sites/import/preview", file)).json()).toMatchObject({ needsSheet: true });
    const chosen = await send("/api/v1/sites/import", file, {
      sheet: "Sheet2",
      constants: JSON.stringify({ kind: "small_shop" }),
    });
    expect(chosen.json(), chosen.body).toMatchObject({ imported: 1 });
  });
});

eachApi("grids: import warnings for a file's own overlaps and swapped coordinates", (ctx) => {
  const send = (layer: unknown, fields: Record<string, string>) =>
    ctx.as("county", {
      method: "POST",
      url: "/api/v1/grids/import",
      ...multipart(fields, { filename: "网格.geojson", content: Buffer.from(JSON.stringify(layer)) }),
    });
  const feature = (name: string, ring: [number, number][]) => ({
    type: "Feature",
    properties: { MC: name },
    geometry: { type: "Polygon", coordinates: [ring] },
  });
  const mapping = JSON.stringify({ name: "MC" });

  it("reports two grids of one file that overlap in the import's warnings", async () => {
    const layer = {
      type: "FeatureCollection",
      features: [
        feature("甲网格", square(104.3, 35.7, 104.32, 35.72)),
        feature("乙网格", square(104.31, 35.71, 104.33, 35.73)),
      ],
    };
    const res = await send(layer, { mapping, regionCode: "620123100001", mode: "all_or_nothing" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ imported: 2 });
    const overlap = body.warnings.find((w: { code: string }) => w.code === "overlap");
    expect(overlap, JSON.stringify(body.warnings)).toBeDefined();
    expect(overlap.message).toContain("文件内");
    expect(overlap.message).toContain("甲网格");
    expect(overlap.grids).toHaveLength(2);
  });

  it("hints that latitude,longitude are swapped", async () => {
    const swapped = square(104.4, 35.6, 104.41, 35.61).map(([x, y]) => [y, x] as [number, number]);
    const res = await send(
      { type: "FeatureCollection", features: [feature("颠倒网格", swapped)] },
      { mapping, regionCode: "620123100001", mode: "all_or_nothing" },
    );
    const body = res.json();
    expect(body, res.body).toMatchObject({ imported: 0, rejected: 1 });
    expect(body.errors[0]).toMatchObject({ code: "swapped_coordinates" });
    expect(body.errors[0].message).toContain("经纬度可能颠倒");
    expect(body.errors[0].message).toContain("（104.4, 35.6）");
  });
});
