import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { iterateCases } from "../../../db/queries/case-list-queries";
import type { Actor } from "../../../domain/auth/actor";
import { caseAt, useTempDataDir } from "../../routes/case-test-kit";
import { eachApi } from "../../test/api-harness";
import { exportCasesXlsx, maxExportRows } from "./export-cases";

/** The case export reads the list in SQL batches and writes the workbook row by row. */
eachApi("case export in batches", (ctx) => {
  useTempDataDir(ctx);
  const lead = async (): Promise<Actor> => ({ ...ctx.users.lead, displayName: "测试lead" });

  it("pages through the list in its order without skipping or repeating a row", async () => {
    for (let i = 0; i < 7; i++) await caseAt(ctx, i % 2 ? "triaged" : "reported");
    const actor = await lead();
    const now = ctx.deps.clock.now();
    const ids = async (batch: number, limit = maxExportRows) => {
      const out: string[] = [];
      for await (const rows of iterateCases(ctx.deps.db, actor, { queue: "all" }, now, limit, batch))
        out.push(...rows.map((r) => r.id));
      return out;
    };
    const whole = await ids(1000);
    expect(whole.length).toBeGreaterThanOrEqual(7);
    expect(new Set(whole).size).toBe(whole.length);
    expect(await ids(2)).toEqual(whole);
    expect(await ids(3, 5)).toEqual(whole.slice(0, 5));
  });

  it("writes one row per listed case below the watermark and the header", async () => {
    const actor = await lead();
    const listed = await ctx.as("lead", { method: "GET", url: "/api/v1/cases?queue=all&pageSize=1" });
    const file = await exportCasesXlsx(ctx.deps, actor, { queue: "all" }, false, "水印：测试");
    expect(file.rows).toBe(listed.json().total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("水印：测试");
    expect(ws.getCell("A2").value).toBe("案件编号");
    expect(ws.actualRowCount).toBe(file.rows + 2);
    expect(String(ws.getCell("A3").value)).toMatch(/\d/);
  });
});
