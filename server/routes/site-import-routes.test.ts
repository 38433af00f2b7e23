import ExcelJS from "exceljs";
import gcoord from "gcoord";
import { expect, it } from "vitest";
import { templateHeaders } from "../commands/sites/site-import-columns";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, multipart, realUscc } from "./grid-test-fixtures";

type Row = (string | number | null)[];

async function xlsx(rows: Row[], opts: { merge?: string; extraSheet?: boolean; header?: Row } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("监督管理对象");
  ws.addRow(opts.header ?? templateHeaders);
  for (const r of rows) ws.addRow(r);
  if (opts.merge) ws.mergeCells(opts.merge);
  if (opts.extraSheet) wb.addWorksheet("说明").addRow(["这是说明页"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// name, kind, uscc, industry, scale, ownership, risk, region, address, lon, lat, contact, phone, status
const row = (name: string, over: Partial<Record<number, string | number | null>> = {}): Row => {
  const r: Row = [
    name,
    "小商铺",
    null,
    "5211",
    "微型",
    "其他",
    "一般风险",
    "620123100001",
    "城关镇兴隆路",
    104.012,
    35.815,
    "刘一",
    "13900001111",
    "在营",
  ];
  for (const [i, v] of Object.entries(over)) r[Number(i)] = v ?? null;
  return r;
};

const mixed = (tag: string): Row[] => [
  row(`${tag}好企业`, { 1: "企业", 2: realUscc[2], 3: "3011" }),
  row(`${tag}校验码错`, { 1: "企业", 2: "91330100799655058C" }),
  row(`${tag}好商铺`),
  row(`${tag}经纬颠倒`, { 9: 35.815, 10: 104.012 }),
  row(`${tag}省外坐标`, { 9: 116.4, 10: 39.9 }),
  row(`${tag}行业错`, { 3: "9999" }),
  row(`${tag}重复代码`, { 1: "企业", 2: realUscc[2] }),
  row(`${tag}好农户`, { 1: "家庭户", 3: null, 9: null, 10: null }),
  row(`${tag}小写代码`, { 1: "企业", 2: "9144030071526726xg" }),
  row(`${tag}外县`, { 7: "620102001001" }),
];

eachApi("sites: import and export", (ctx) => {
  const upload = (user: string, content: Buffer, fields: Record<string, string>, filename = "sites.xlsx") => {
    const body = multipart(fields, { filename, content });
    return ctx.as(user, { method: "POST", url: "/api/v1/sites/import", ...body });
  };
  const count = async (q: string) =>
    (await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent(q)}` })).json().total;
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;

  it("serves a template with Chinese headers", async () => {
    grids = await createFixtureGrids(ctx);
    const res = await ctx.as("county", { method: "GET", url: "/api/v1/sites/import/template" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(templateHeaders);
  });

  it("all or nothing: lists every bad row with row, column, code and message, and keeps nothing", async () => {
    const res = await upload("county", await xlsx(mixed("全或无")), { mode: "all_or_nothing" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mode: "all_or_nothing", rows: 10, imported: 0, rejected: 7, kept: false });
    const byRow = Object.fromEntries(
      body.errors.map((e: { row: number; code: string; column: string }) => [e.row, e]),
    );
    expect(byRow[3]).toMatchObject({ code: "invalid_uscc", column: "统一社会信用代码" });
    expect(byRow[3].message).toContain("校验码错误");
    expect(byRow[5]).toMatchObject({ code: "swapped_coordinates", column: "经度/纬度" });
    expect(byRow[6]).toMatchObject({ code: "outside_province" });
    expect(byRow[7]).toMatchObject({ code: "invalid_industry_code", column: "行业代码" });
    expect(byRow[8]).toMatchObject({ code: "duplicate_uscc" });
    expect(byRow[8].message).toContain("第 2 行");
    expect(byRow[10]).toMatchObject({ code: "invalid_uscc" });
    expect(byRow[10].message).toContain("大写");
    expect(byRow[11]).toMatchObject({ code: "region_out_of_scope", column: "行政区划代码" });
    expect(await count("全或无")).toBe(0);
  });

  it("keep the good rows: imports and assigns them, reports the rest", async () => {
    const res = await upload("county", await xlsx(mixed("保留")), { mode: "keep_good" });
    const body = res.json();
    expect(body).toMatchObject({ mode: "keep_good", rows: 10, imported: 3, rejected: 7, kept: true });
    expect(await count("保留")).toBe(3);
    const ent = (
      await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent("保留好企业")}` })
    ).json().items[0];
    expect(ent).toMatchObject({
      uscc: realUscc[2],
      kind: "enterprise",
      riskLevel: "yellow",
      regionCode: "620123100001",
    });
    expect(ent.assignment).toMatchObject({ grid: { code: grids.A.code }, gridRule: "point_in_polygon" });
    const file = (await ctx.as("county", { method: "GET", url: `/api/v1/sites/${ent.id}/file` })).json();
    expect(file.events[0]).toMatchObject({ action: "site.registered", data: { row: 2 } });
    expect(file.events[0].summary).toContain("批量导入");
    // the same file again: now every code is a duplicate of the register
    const again = (
      await upload("county", await xlsx([row("再次导入", { 1: "企业", 2: realUscc[2] })]), {
        mode: "keep_good",
      })
    ).json();
    expect(again.errors[0]).toMatchObject({ row: 2, code: "duplicate_uscc" });
    expect(again.errors[0].message).toContain("已在系统中登记");
  });

  it("converts GCJ-02 and BD-09 coordinates to WGS84", async () => {
    const [gx, gy] = gcoord.transform([104.012, 35.815], gcoord.WGS84, gcoord.GCJ02);
    const res = (
      await upload("county", await xlsx([row("火星坐标商铺", { 9: gx, 10: gy })]), { crs: "GCJ02" })
    ).json();
    expect(res.imported).toBe(1);
    const s = (
      await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent("火星坐标商铺")}` })
    ).json().items[0];
    expect(Math.abs(s.lon - 104.012)).toBeLessThan(1e-5);
    expect(Math.abs(s.lat - 35.815)).toBeLessThan(1e-5);
    const [bx, by] = gcoord.transform([104.013, 35.816], gcoord.WGS84, gcoord.BD09);
    expect(
      (await upload("county", await xlsx([row("百度坐标商铺", { 9: bx, 10: by })]), { crs: "BD09" })).json()
        .imported,
    ).toBe(1);
    const b = (
      await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent("百度坐标商铺")}` })
    ).json().items[0];
    expect(Math.abs(b.lon - 104.013)).toBeLessThan(1e-5);
    expect(Math.abs(b.lat - 35.816)).toBeLessThan(1e-5);
  });

  it("reads CSV (UTF-8 with BOM) with quoted fields", async () => {
    const csv = `\uFEFF${templateHeaders.join(",")}\n"CSV 商铺, 带逗号",小商铺,,5211,,,,620123100001,"城关镇""北街""",104.03,35.81,,,在营\n`;
    const res = (await upload("county", Buffer.from(csv, "utf8"), {}, "sites.csv")).json();
    expect(res).toMatchObject({ imported: 1, kept: true });
    const s = (
      await ctx.as("county", { method: "GET", url: `/api/v1/sites?q=${encodeURIComponent("CSV 商铺")}` })
    ).json().items[0];
    expect(s).toMatchObject({
      name: "CSV 商铺, 带逗号",
      address: '城关镇"北街"',
      assignment: { grid: { code: grids.B.code } },
    });
  });

  it("refuses bad files with a clear error each", async () => {
    const merged = await upload("county", await xlsx([row("合并表头")], { merge: "J1:K1" }), {});
    expect(merged.statusCode).toBe(422);
    expect(merged.json()).toMatchObject({
      code: "import_failed",
      details: { fileErrors: [{ code: "merged_header" }] },
    });
    expect(merged.json().message).toContain("J1:K1");

    const sheets = await upload("county", await xlsx([row("多表")], { extraSheet: true }), {});
    expect(sheets.json()).toMatchObject({
      code: "import_failed",
      details: { fileErrors: [{ code: "choose_sheet" }] },
    });
    expect(sheets.json().message).toContain("说明");
    expect(sheets.json().message).toContain("请选择要导入的工作表");

    const missing = await upload("county", await xlsx([["某店"]], { header: ["名称"] }), {});
    expect(missing.json()).toMatchObject({ details: { fileErrors: [{ code: "missing_columns" }] } });
    // no 类型 column and nothing to infer it from: a row error naming the way out (a constant in the mapping)
    const noKind = await upload("county", await xlsx([["某店", "地址"]], { header: ["名称", "地址"] }), {});
    expect(noKind.json().errors[0]).toMatchObject({ code: "required", column: "类型" });
    expect(noKind.json().errors[0].message).toContain("固定值");

    const garbage = await upload("county", Buffer.from("this is not a workbook"), {});
    expect(garbage.json()).toMatchObject({ details: { fileErrors: [{ code: "not_xlsx" }] } });

    const xls = await upload("county", Buffer.from("x"), {}, "old.xls");
    expect(xls.statusCode).toBe(415);

    const huge = await upload("county", Buffer.alloc(50 * 1024 * 1024, 65), {});
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe("payload_too_large");

    const notMultipart = await ctx.as("county", { method: "POST", url: "/api/v1/sites/import", payload: {} });
    expect(notMultipart.statusCode).toBe(415);
    expect(await count("合并表头")).toBe(0);
  });

  it("lets only register keepers import, and exports the filtered list with masked contacts", async () => {
    const worker = await upload("worker", await xlsx([row("网格员导入")]), {});
    expect(worker.statusCode).toBe(403);
    const other = await upload("other_county", await xlsx([row("外县导入")]), { region: "620123" });
    expect(other.statusCode).toBe(403);

    const res = await ctx.as("city", {
      method: "GET",
      url: `/api/v1/sites/export?q=${encodeURIComponent("保留")}&reason=${encodeURIComponent("核对导入结果")}`,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(5); // the watermark, the header and three sites
    const names = [3, 4, 5].map((r) => ws.getRow(r).getCell(1).value).sort();
    expect(names).toEqual(["保留好企业", "保留好农户", "保留好商铺"].sort());
    expect(ws.getRow(3).getCell(13).value).toBe("139****1111");
  });
});
