import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { allRowsText } from "../test/all-rows-text";
import { eachApi } from "../test/api-harness";
import { act, as, useTempDataDir } from "./case-test-kit";
import { fileTip, jpegWithExif } from "./tip-test-kit";

const informant = { name: "欧阳秀兰", phone: "13687654321" };
const reason = "reason=%E4%B8%BE%E6%8A%A5%E6%B3%84%E9%9C%B2%E6%A3%80%E6%9F%A5";

/** Text of every cell of every sheet of an .xlsx answer. */
async function xlsxText(body: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const sheet of book.worksheets)
    sheet.eachRow((row) => {
      out.push(JSON.stringify(row.values));
    });
  return out.join("\n");
}

eachApi("informant protection", (ctx) => {
  useTempDataDir(ctx);
  let caseId = "";
  let tipId = "";
  let anonymousTipId = "";
  beforeAll(async () => {
    const res = await fileTip(ctx.app, { anonymous: false, ...informant, kind: "fireworks" }, [
      jpegWithExif(),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const kase = await ctx.deps.db
      .selectFrom("caseRecord")
      .select("id")
      .where("number", "=", res.json().number)
      .executeTakeFirstOrThrow();
    caseId = kase.id;
    tipId = (
      await ctx.deps.db.selectFrom("tip").select("id").where("caseId", "=", caseId).executeTakeFirstOrThrow()
    ).id;
    const anon = await fileTip(ctx.app, {});
    anonymousTipId = (
      await ctx.deps.db
        .selectFrom("tip")
        .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
        .select("tip.id")
        .where("caseRecord.number", "=", anon.json().number)
        .executeTakeFirstOrThrow()
    ).id;
  });

  it("shows the tip officer the queue without identities, and the identity only with a reason", async () => {
    const queue = await as(ctx, "tipofficer", { method: "GET", url: "/api/v1/tips" });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.some((t: { id: string }) => t.id === tipId)).toBe(true);
    expect(queue.body).not.toContain(informant.name);
    for (const user of ["lead", "county", "admin", "auditor"]) {
      expect((await as(ctx, user, { method: "GET", url: "/api/v1/tips" })).statusCode).toBe(403);
      const tried = await as(ctx, user, {
        method: "POST",
        url: `/api/v1/tips/${tipId}/identity`,
        payload: { reason: "核实举报内容需要联系举报人" },
      });
      expect(tried.statusCode).toBe(403);
    }
    const noReason = await as(ctx, "tipofficer", {
      method: "POST",
      url: `/api/v1/tips/${tipId}/identity`,
      payload: { reason: "" },
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toContain("事由");
    const anon = await as(ctx, "tipofficer", {
      method: "POST",
      url: `/api/v1/tips/${anonymousTipId}/identity`,
      payload: { reason: "核实举报内容需要联系举报人" },
    });
    expect(anon.statusCode).toBe(409);
    const read = await as(ctx, "tipofficer", {
      method: "POST",
      url: `/api/v1/tips/${tipId}/identity`,
      payload: { reason: "核实举报内容需要联系举报人" },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject(informant);
    const events = await ctx.deps.db
      .selectFrom("event")
      .selectAll()
      .where("action", "=", "tip.identity_read")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(ctx.users.tipofficer.id);
    expect(events[0].data).toContain("核实举报内容需要联系举报人");
    const inbox = await as(ctx, "county", { method: "GET", url: "/api/v1/notifications" });
    expect(inbox.body).toContain("举报人身份被查看");
  });

  it("never lets the identity out: dispatch, transfer, replies, exports, notifications, trail, every answer", async () => {
    const depts = ctx.departments["620123"];
    expect(
      (await act(ctx, "lead", caseId, "triage", { type: "violation", category: "fireworks" })).statusCode,
    ).toBe(200);
    expect((await act(ctx, "lead", caseId, "dispatch", { departmentId: depts.market })).statusCode).toBe(200);
    expect((await act(ctx, "market", caseId, "accept", {})).statusCode).toBe(200);
    const forward = await act(ctx, "market", caseId, "forward", {
      departmentId: depts.emergency,
      reason: "属应急管理部门职责",
    });
    expect(forward.statusCode, forward.body).toBe(200);
    await as(ctx, "lead", {
      method: "POST",
      url: `/api/v1/cases/${caseId}/tip-thread/replies`,
      payload: { body: "已转应急管理局办理" },
    });
    const outputs: [string, string][] = [];
    for (const user of Object.keys(ctx.users)) {
      for (const url of [
        `/api/v1/cases/${caseId}`,
        `/api/v1/cases/${caseId}/tip-thread`,
        "/api/v1/cases?pageSize=200",
        "/api/v1/notifications?pageSize=200",
        "/api/v1/tips",
        `/api/v1/trail/events?pageSize=200`,
      ]) {
        const res = await as(ctx, user, { method: "GET", url });
        outputs.push([`${user} ${url}`, res.body]);
      }
      const xlsx = await as(ctx, user, { method: "GET", url: `/api/v1/cases/export.xlsx?${reason}` });
      if (xlsx.statusCode === 200) outputs.push([`${user} export.xlsx`, await xlsxText(xlsx.rawPayload)]);
      const trail = await as(ctx, user, { method: "GET", url: `/api/v1/trail/export?${reason}` });
      if (trail.statusCode === 200) outputs.push([`${user} trail export`, await xlsxText(trail.rawPayload)]);
    }
    expect(
      outputs.filter(([, body]) => body.includes(caseId) || body.includes("举报")).length,
    ).toBeGreaterThan(10);
    outputs.push(["every stored row", await allRowsText(ctx.deps.db)]);
    const leaks = outputs
      .filter(([, body]) => body.includes(informant.name) || body.includes(informant.phone))
      .map(([where]) => where);
    expect(leaks).toEqual([]);
  });
});
