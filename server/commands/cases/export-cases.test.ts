import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { PassThrough } from "node:stream";
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
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const rows = await exportCasesXlsx(ctx.deps, actor, { queue: "all" }, false, "水印：测试", out);
    expect(out.writableEnded).toBe(true);
    expect(rows).toBe(listed.json().total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("水印：测试");
    expect(ws.getCell("A2").value).toBe("案件编号");
    expect(ws.actualRowCount).toBe(rows + 2);
    expect(String(ws.getCell("A3").value)).toMatch(/\d/);
  });

  it("sends the recorded file: its hash and size are in the trail, and the temporary file is removed", async () => {
    const temporary = () =>
      new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("safegrid-export-")));
    const before = temporary();
    const reason = encodeURIComponent("核对案件办理情况");
    const res = await ctx.as("lead", {
      method: "GET",
      url: `/api/v1/cases/export.xlsx?queue=all&reason=${reason}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const sha256 = createHash("sha256").update(res.rawPayload).digest("hex");
    expect(res.headers["x-export-sha256"]).toBe(sha256);
    expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
    const event = await ctx.database.db
      .selectFrom("event")
      .select("data")
      .where("id", "=", Number(res.headers["x-export-event"]))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data)).toMatchObject({ export: "cases", sha256, bytes: res.rawPayload.length });
    // The file is removed when its stream closes, just after the answer ends.
    for (let i = 0; i < 50 && [...temporary()].some((f) => !before.has(f)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect([...temporary()].filter((f) => !before.has(f))).toEqual([]);
  });
});
