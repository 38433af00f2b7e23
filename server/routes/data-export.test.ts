import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { shanghaiDateTime } from "../../domain/calendar/shanghai-time";
import { eachApi } from "../test/api-harness";
import { siteBody } from "./grid-test-fixtures";

/** Exports of personal data: a stated reason, a trail row with the file's hash, a visible watermark. */
eachApi("exports: reason, trail row, watermark", (ctx) => {
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const book = async (payload: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    return wb;
  };
  const exportEvents = () =>
    ctx.deps.db
      .selectFrom("event")
      .selectAll()
      .where("action", "=", "data.exported")
      .orderBy("id", "desc")
      .execute();

  it("refuses a personal-data export without a reason (422 in Chinese) and records nothing", async () => {
    const created = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ name: "导出测试企业", contactPhone: "13912340000" }),
    });
    expect(created.statusCode, created.body).toBe(201);

    for (const url of [
      "/api/v1/sites/export",
      "/api/v1/sites/export?reason=%20%20",
      `/api/v1/sites/export?reason=${encodeURIComponent("核查")}`,
      "/api/v1/cases/export.xlsx",
      "/api/v1/trail/export",
    ]) {
      const res = await get(url.includes("trail") ? "auditor" : "county", url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().code).toBe("export_reason_required");
      expect(res.json().message).toContain("导出事由");
    }
    expect(await exportEvents()).toHaveLength(0);
  });

  it("exports with a reason: watermark on the sheet, trail row with filter, rows, reason and file hash", async () => {
    const reason = "年度安全生产大检查核对联系人";
    const res = await get(
      "county",
      `/api/v1/sites/export?q=${encodeURIComponent("导出测试")}&reason=${encodeURIComponent(reason)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const sha = createHash("sha256").update(res.rawPayload).digest("hex");
    expect(res.headers["x-export-sha256"]).toBe(sha);

    const ws = (await book(res.rawPayload)).worksheets[0];
    const mark = String(ws.getCell("A1").value);
    const when = shanghaiDateTime(ctx.deps.clock.now());
    expect(mark).toContain("测试county（county）");
    expect(mark).toContain(when);
    expect(mark).toContain("北京时间");
    expect(ws.headerFooter.oddHeader).toContain("测试county（county）");
    expect(ws.headerFooter.oddFooter).toContain(when);
    expect(ws.getCell("A2").value).toBe("名称");
    expect(ws.getCell("A3").value).toBe("导出测试企业");
    expect(ws.getCell("M3").value).toBe("13912340000");

    const [event] = await exportEvents();
    expect(event).toMatchObject({
      actorId: ctx.users.county.id,
      actorRole: "county_office",
      subjectType: "export",
      subjectId: "sites",
      regionCode: "620123",
    });
    expect(String(event.id)).toBe(res.headers["x-export-event"]);
    expect(JSON.parse(event.data)).toMatchObject({
      export: "sites",
      class: "personal",
      username: "county",
      filter: { q: "导出测试" },
      rows: 1,
      reason,
      sha256: sha,
    });
    expect(event.at).toBe(ctx.deps.clock.now().toISOString());
    const verify = await get("auditor", "/api/v1/trail/verify");
    expect(verify.json().ok).toBe(true);
  });

  it("watermarks the case export and records it", async () => {
    const res = await get(
      "lead",
      `/api/v1/cases/export.xlsx?queue=all&reason=${encodeURIComponent("督查通报统计用")}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const ws = (await book(res.rawPayload)).worksheets[0];
    expect(String(ws.getCell("A1").value)).toContain("测试lead（lead）");
    expect(ws.getCell("A2").value).toBe("案件编号");
    const [event] = await exportEvents();
    expect(JSON.parse(event.data)).toMatchObject({
      export: "cases",
      reason: "督查通报统计用",
      filter: { queue: "all" },
    });
  });

  it("needs no reason for the coverage export (no personal fields) but still records and watermarks it", async () => {
    const res = await get("other_county", "/api/v1/coverage/export?region=620102");
    expect(res.statusCode, res.body).toBe(200);
    const wb = await book(res.rawPayload);
    for (const ws of wb.worksheets) expect(String(ws.getCell("A1").value)).toContain("（other_county）");
    const [event] = await exportEvents();
    expect(event.regionCode).toBe("620102");
    expect(JSON.parse(event.data)).toMatchObject({ export: "coverage", class: "internal", reason: null });
  });
});
