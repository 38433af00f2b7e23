import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { seedOversight } from "../test/oversight-world";
import { caseAt } from "./case-test-kit";

/**
 * Grid-worker pay end to end (R20, issue 13.5) on both databases: bad settings, a sheet before settings,
 * a sheet without a published assessment (performance unavailable, not 0), a worker without a bank account
 * (named; blocks approval until excluded with a reason), approval by a second person only, frozen after
 * publication, a new version on regeneration, the finance export with masked accounts, and the equipment
 * register.
 */
const settings = {
  baseFullTime: 3000,
  basePartTime: 1500,
  performanceMax: 1000,
  rewards: [
    { type: "general_hazard", amount: 50 },
    { type: "major_hazard", amount: 500 },
  ],
};
const account = "6228480012345678901";

eachApi("grid-worker pay (R20)", (ctx) => {
  let world: Awaited<ReturnType<typeof seedOversight>>;
  let sheetId: string;
  const as = (who: string, opts: Parameters<typeof ctx.as>[1]) => ctx.as(who, opts);
  beforeAll(async () => {
    world = await seedOversight(ctx);
    for (let n = 0; n < 2; n++)
      await caseAt(ctx, "triaged", { description: `报酬测试有效上报${n}：灭火器过期` });
  });

  it("refuses bad settings with a Chinese message, and a sheet before the settings exist", async () => {
    const none = await as("county", {
      method: "POST",
      url: "/api/v1/pay-sheets",
      payload: { regionCode: "620123", month: "2026-11" },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe("pay_settings_missing");
    const bad = await as("county", {
      method: "PUT",
      url: "/api/v1/pay-settings/620123",
      payload: { ...settings, baseFullTime: -1 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe("金额不能为负");
    const badType = await as("county", {
      method: "PUT",
      url: "/api/v1/pay-settings/620123",
      payload: { ...settings, rewards: [{ type: "gossip", amount: 1 }] },
    });
    expect(badType.json().message).toBe("案件类型不正确");
    const badMonth = await as("county", {
      method: "POST",
      url: "/api/v1/pay-sheets",
      payload: { regionCode: "620123", month: "2026-13" },
    });
    expect(badMonth.statusCode).toBe(422);
    expect(badMonth.json().message).toBe("月份格式为 YYYY-MM");
    expect(
      (await as("station", { method: "PUT", url: "/api/v1/pay-settings/620123", payload: settings }))
        .statusCode,
    ).toBe(403);
    const ok = await as("county", { method: "PUT", url: "/api/v1/pay-settings/620123", payload: settings });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      configured: true,
      settings: { baseFullTime: 3000, missedPatrolDeduction: 0 },
    });
  });

  it("keeps the bank account sensitive: in full for finance and the county office, masked elsewhere", async () => {
    const bad = await as("county", {
      method: "PUT",
      url: `/api/v1/pay-profiles/${ctx.users.worker.id}`,
      payload: { bankName: "农业银行", bankAccount: "12ab" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe("银行账号为 12–30 位数字");
    const put = await as("finance", {
      method: "PUT",
      url: `/api/v1/pay-profiles/${ctx.users.worker.id}`,
      payload: { bankName: "农业银行榆中支行", bankAccount: "6228 4800 1234 5678 901" },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().bankAccount).toBe(account);
    const read = async (who: string) =>
      (await as(who, { method: "GET", url: `/api/v1/pay-profiles/${ctx.users.worker.id}` })).json();
    expect((await read("county")).bankAccount).toBe(account);
    expect((await read("city")).bankAccount).toBe("6228 **** **** 8901");
    expect((await read("worker")).bankAccount).toBe("6228 **** **** 8901");
    expect(
      (await as("other_county", { method: "GET", url: `/api/v1/pay-profiles/${ctx.users.worker.id}` }))
        .statusCode,
    ).toBe(404);
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select("data")
      .where("action", "=", "pay_profile.saved")
      .execute();
    expect(trail.map((e) => e.data).join()).not.toContain(account);
  });

  it("generates a draft with performance unavailable and names the worker without a bank account", async () => {
    const res = await as("county", {
      method: "POST",
      url: "/api/v1/pay-sheets",
      payload: { regionCode: "620123", month: "2026-11" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    sheetId = s.id;
    expect(s).toMatchObject({ status: "draft", version: 1, performanceAvailable: false, lineCount: 2 });
    expect(s.performanceNote.zh).toContain("绩效工资不可用");
    const mine = s.lines.find((l: { userId: string }) => l.userId === ctx.users.worker.id);
    const other = s.lines.find((l: { userId: string }) => l.userId === world.worker2Id);
    // 3000 base (full-time) + 2 valid general hazards × 50; performance unavailable, not 0
    expect(mine).toMatchObject({
      base: 3000,
      performance: null,
      rewards: 100,
      rewardCount: 2,
      total: 3100,
      accountMasked: "6228 **** **** 8901",
    });
    expect(other).toMatchObject({
      base: 1500,
      performance: null,
      rewards: 0,
      total: 1500,
      problem: "no_bank_account",
      accountMasked: null,
    });
    expect(s.totals).toEqual({ base: 4500, performance: null, rewards: 100, deductions: 0, total: 4600 });
    expect(s.blocking.map((b: { name: string }) => b.name)).toEqual(["测试worker2"]);
    expect(JSON.stringify(s)).not.toContain(account);
  });

  it("is approved only by a second person, not while a worker has no bank account, then frozen", async () => {
    const self = await as("county", { method: "POST", url: `/api/v1/pay-sheets/${sheetId}/approve` });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("same_person_approval");
    const blocked = await as("finance", { method: "POST", url: `/api/v1/pay-sheets/${sheetId}/approve` });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().code).toBe("pay_bank_account_missing");
    expect(blocked.json().message).toContain("没有登记银行账号");
    expect(blocked.json().message).toContain("测试worker2");
    const sheet = (await as("county", { method: "GET", url: `/api/v1/pay-sheets/${sheetId}` })).json();
    expect(sheet.status).toBe("draft");
    const line = sheet.lines.find((l: { userId: string }) => l.userId === world.worker2Id);
    const noReason = await as("county", {
      method: "POST",
      url: `/api/v1/pay-sheets/${sheetId}/lines/${line.id}/exclude`,
      payload: { reason: "" },
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toContain("原因");
    const ex = await as("county", {
      method: "POST",
      url: `/api/v1/pay-sheets/${sheetId}/lines/${line.id}/exclude`,
      payload: { reason: "本月未到岗，暂不发放" },
    });
    expect(ex.statusCode, ex.body).toBe(200);
    expect(ex.json()).toMatchObject({ total: 3100, problemCount: 0, blocking: [] });
    expect(ex.json().totals.total).toBe(3100);
    const ok = await as("finance", { method: "POST", url: `/api/v1/pay-sheets/${sheetId}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "approved", approvedBy: ctx.users.finance.id });
    const again = await as("county2", { method: "POST", url: `/api/v1/pay-sheets/${sheetId}/approve` });
    expect(again.json().code).toBe("pay_sheet_frozen");
    const late = await as("county", {
      method: "POST",
      url: `/api/v1/pay-sheets/${sheetId}/lines/${line.id}/exclude`,
      payload: { reason: "发布后再改一次" },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("pay_sheet_frozen");
    expect(
      (await as("other_county", { method: "GET", url: `/api/v1/pay-sheets/${sheetId}` })).statusCode,
    ).toBe(404);
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select("action")
      .where("subjectId", "=", sheetId)
      .orderBy("id")
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      "pay_sheet.generated",
      "pay_sheet.line_excluded",
      "pay_sheet.approved",
    ]);
  });

  it("exports for finance: one row per paid person, the account masked", async () => {
    const noReason = await as("finance", { method: "GET", url: `/api/v1/pay-sheets/${sheetId}/export.xlsx` });
    expect(noReason.statusCode).toBe(422);
    const res = await as("finance", {
      method: "GET",
      url: `/api/v1/pay-sheets/${sheetId}/export.xlsx?reason=${encodeURIComponent("十一月报酬发放")}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[1]).toContain("银行账号");
    const person = rows.filter((r) => r[1] === "测试worker");
    expect(person).toHaveLength(1);
    expect(person[0]).toEqual([
      1,
      "测试worker",
      "620123100001",
      "专职",
      "不可用",
      3000,
      "不可用",
      100,
      2,
      0,
      3100,
      "农业银行榆中支行",
      "6228 **** **** 8901",
    ]);
    expect(rows.find((r) => r[0] === "合计")?.[10]).toBe(3100);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(account);
    expect(text).toContain("绩效工资不可用");
    expect(text).toContain("不予发放：测试worker2（本月未到岗，暂不发放）");
    expect(rows.filter((r) => r[1] === "测试worker2")).toEqual([]);
  });

  it("regenerates as a new version and leaves the published one as it was", async () => {
    const v2 = await as("county2", {
      method: "POST",
      url: "/api/v1/pay-sheets",
      payload: { regionCode: "620123", month: "2026-11" },
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, status: "draft" });
    const v1 = (await as("county", { method: "GET", url: `/api/v1/pay-sheets/${sheetId}` })).json();
    expect(v1).toMatchObject({ status: "approved", version: 1, total: 3100, regionName: "榆中县" });
    const list = (await as("finance", { method: "GET", url: "/api/v1/pay-sheets?month=2026-11" })).json()
      .items;
    expect(list.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    // the county by name, not only its code (the page's title and list)
    expect(list.map((s: { regionName: string }) => s.regionName)).toEqual(["榆中县", "榆中县"]);
  });

  it("shows each worker their own lines of approved sheets only (我的报酬); anyone else's line is 404", async () => {
    type Line = { id: string; month: string; version: number; total: number; excludedReason: string | null };
    const mine = async (who: string) => {
      const res = await as(who, { method: "GET", url: "/api/v1/pay-lines/mine" });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Line[];
    };
    const [own] = await mine("worker");
    // only the approved version 1 (version 2 is a draft): 3000 + 2 × 50 rewards, performance unavailable
    expect(await mine("worker")).toHaveLength(1);
    const one = await as("worker", { method: "GET", url: `/api/v1/pay-lines/mine/${own.id}` });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      month: "2026-11",
      version: 1,
      base: 3000,
      performance: null,
      rewards: 100,
      rewardCount: 2,
      deductions: 0,
      total: 3100,
      accountMasked: "6228 **** **** 8901",
      excludedReason: null,
    });
    expect(one.json().performanceNote.zh).toContain("绩效工资不可用");
    expect(one.json().rewardItems.map((r: { amount: number }) => r.amount)).toEqual([50, 50]);
    expect(one.body).not.toContain(account);
    // the other worker sees their own line, left out of the payment with the reason
    const [theirs] = await mine("worker2");
    expect(theirs).toMatchObject({ month: "2026-11", total: 1500, excludedReason: "本月未到岗，暂不发放" });
    for (const [who, id] of [
      ["worker", theirs.id],
      ["worker2", own.id],
    ]) {
      const res = await as(who, { method: "GET", url: `/api/v1/pay-lines/mine/${id}` });
      expect(res.statusCode, `${who} reads another's line`).toBe(404);
      expect(res.json().code).toBe("not_found");
    }
    // a draft's line is not theirs to read yet
    const draft = (await as("county", { method: "GET", url: "/api/v1/pay-sheets?month=2026-11" })).json()
      .items[0];
    expect(draft).toMatchObject({ version: 2, status: "draft" });
    const draftLine = (await as("county", { method: "GET", url: `/api/v1/pay-sheets/${draft.id}` }))
      .json()
      .lines.find((l: { userId: string }) => l.userId === ctx.users.worker.id);
    expect(
      (await as("worker", { method: "GET", url: `/api/v1/pay-lines/mine/${draftLine.id}` })).statusCode,
    ).toBe(404);
    for (const who of ["county", "finance", "station"])
      expect((await as(who, { method: "GET", url: "/api/v1/pay-lines/mine" })).statusCode, who).toBe(403);
  });

  it("keeps an equipment register per worker", async () => {
    const bad = await as("station", {
      method: "POST",
      url: "/api/v1/equipment",
      payload: { userId: ctx.users.worker.id, item: "", issuedOn: "2026-11-02" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe("请填写装备名称");
    const add = await as("station", {
      method: "POST",
      url: "/api/v1/equipment",
      payload: { userId: ctx.users.worker.id, item: "反光背心", quantity: 2, issuedOn: "2026-11-02" },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({
      item: "反光背心",
      quantity: 2,
      recordedBy: ctx.users.station.id,
      returnedOn: null,
    });
    const early = await as("station", {
      method: "POST",
      url: `/api/v1/equipment/${add.json().id}/return`,
      payload: { returnedOn: "2026-11-01" },
    });
    expect(early.statusCode).toBe(422);
    const back = await as("county", {
      method: "POST",
      url: `/api/v1/equipment/${add.json().id}/return`,
      payload: { returnedOn: "2026-11-20" },
    });
    expect(back.statusCode, back.body).toBe(200);
    const twice = await as("county", {
      method: "POST",
      url: `/api/v1/equipment/${add.json().id}/return`,
      payload: { returnedOn: "2026-11-21" },
    });
    expect(twice.statusCode).toBe(409);
    const list = (
      await as("worker", { method: "GET", url: `/api/v1/equipment?userId=${ctx.users.worker.id}` })
    ).json();
    expect(list.items).toMatchObject([
      { item: "反光背心", returnedOn: "2026-11-20", recordedByName: "测试station" },
    ]);
    expect(list.abilities.manage).toBe(false);
    expect(
      (await as("other_county", { method: "GET", url: `/api/v1/equipment?userId=${ctx.users.worker.id}` }))
        .statusCode,
    ).toBe(404);
  });
});
