import { randomUUID } from "node:crypto";
import type { AccessWorld, Scope } from "./access-world";
import type { ApiContext } from "./api-harness";
import { testPassword } from "./fixtures";

type Row = Record<string, unknown> & { id: string };

/**
 * Access-matrix probes of the pay routes (R20, issue 13.5) on real rows: per scope a grid worker serving the
 * scope's grid (the home grid's staff; elsewhere one made once per database), the scope's county pay
 * settings, and a fresh draft sheet with one line per cell (made by a third account, so no cell is its
 * maker's own approval). Ids the URLs need are kept per scope as the cells make them.
 */
const workers = new Map<string, string>();
const lastWorker: Partial<Record<Scope, string>> = {};
const lastSheet: Partial<Record<Scope, { id: string; lineId: string }>> = {};
const reason = "reason=%E8%AE%BF%E9%97%AE%E7%9F%A9%E9%98%B5%E6%B5%8B%E8%AF%95";
const settings = { baseFullTime: 3000, basePartTime: 1500, performanceMax: 1000, rewards: [] };

async function payWorker(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const key = `${ctx.dialect}:${s}`;
  if (!workers.has(key)) {
    if (s === "own") workers.set(key, w.staffId);
    else {
      const res = await ctx.as("admin", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username: `pay_${s}`,
          displayName: `报酬网格员${s}`,
          role: "grid_worker",
          scope: [w.village[s]],
          password: testPassword,
        },
      });
      if (res.statusCode >= 300) throw new Error(`pay worker: ${res.statusCode} ${res.body}`);
      const id = res.json().id as string;
      await ctx.deps.db
        .insertInto("gridWorker")
        .values({
          gridId: String(w.grid[s].id),
          userId: id,
          employment: "part_time",
          createdAt: new Date().toISOString(),
        })
        .execute();
      workers.set(key, id);
    }
  }
  const user = await ctx.deps.db
    .selectFrom("appUser")
    .select(["id", "regionCode"])
    .where("id", "=", workers.get(key) as string)
    .executeTakeFirstOrThrow();
  lastWorker[s] = user.id;
  return { id: user.id, userId: user.id, regionCode: user.regionCode };
}

async function ensureSettings(ctx: ApiContext, county: string) {
  const known = await ctx.deps.db
    .selectFrom("paySetting")
    .select("regionCode")
    .where("regionCode", "=", county)
    .executeTakeFirst();
  if (!known)
    await ctx.deps.db
      .insertInto("paySetting")
      .values({
        regionCode: county,
        settings: JSON.stringify(settings),
        updatedBy: "matrix",
        updatedAt: new Date().toISOString(),
      })
      .execute();
}

/** The scope's county ready for a sheet: settings and a worker. */
async function sheetCounty(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  await payWorker(ctx, w, s);
  await ensureSettings(ctx, w.county[s]);
  return { id: "new", regionCode: w.county[s] };
}

/** A draft sheet of the scope's county with one line (the scope's worker, no bank account). */
async function freshSheet(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const worker = await payWorker(ctx, w, s);
  const { id } = await freshSheetRows(ctx, w, s, worker, "draft");
  return { id, regionCode: w.county[s] };
}

async function freshSheetRows(
  ctx: ApiContext,
  w: AccessWorld,
  s: Scope,
  worker: { id: string; regionCode?: unknown },
  status: "draft" | "approved",
) {
  const id = randomUUID();
  const lineId = randomUUID();
  const now = new Date().toISOString();
  // the next free version of the month: a random one collided once in a few thousand probes (unique key)
  const last = await ctx.deps.db
    .selectFrom("paySheet")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("regionCode", "=", w.county[s])
    .where("month", "=", "2026-11")
    .executeTakeFirst();
  await ctx.deps.db
    .insertInto("paySheet")
    .values({
      id,
      regionCode: w.county[s],
      month: "2026-11",
      version: Math.max(1000, Number(last?.v ?? 0)) + 1,
      status,
      settings: JSON.stringify(settings),
      assessmentRunId: null,
      total: 1500,
      lineCount: 1,
      problemCount: 1,
      createdBy: "matrix-maker",
      createdAt: now,
      approvedBy: status === "approved" ? "matrix-approver" : null,
      approvedAt: status === "approved" ? now : null,
    })
    .execute();
  await ctx.deps.db
    .insertInto("payLine")
    .values({
      id: lineId,
      sheetId: id,
      userId: worker.id,
      name: "矩阵网格员",
      regionCode: String(worker.regionCode),
      employment: "part_time",
      score: null,
      base: 1500,
      performance: 0,
      rewards: 0,
      rewardCount: 0,
      deductions: 0,
      missedSites: 0,
      total: 1500,
      bankName: null,
      accountMasked: null,
      problem: null,
      detail: JSON.stringify({ rewardItems: [] }),
      excludedReason: null,
      excludedBy: null,
    })
    .execute();
  if (status === "draft") lastSheet[s] = { id, lineId };
  return { id, lineId };
}

/**
 * An approved sheet of the scope's county with one line: in the home scope the matrix's own grid worker's
 * (their 200 cell), elsewhere the scope's worker's (another worker's line: 404 to the matrix worker).
 */
async function freshApprovedLine(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const worker =
    s === "own" ? { id: ctx.users.worker.id, regionCode: w.village.own } : await payWorker(ctx, w, s);
  const { lineId } = await freshSheetRows(ctx, w, s, worker, "approved");
  return { id: lineId, userId: worker.id, regionCode: worker.regionCode };
}

async function freshEquipment(ctx: ApiContext, w: AccessWorld, s: Scope): Promise<Row> {
  const worker = await payWorker(ctx, w, s);
  const id = randomUUID();
  await ctx.deps.db
    .insertInto("equipmentIssue")
    .values({
      id,
      userId: worker.id,
      regionCode: String(worker.regionCode),
      item: "安全帽",
      quantity: 1,
      issuedOn: "2026-11-01",
      note: null,
      returnedOn: null,
      recordedBy: "matrix",
      recordedAt: new Date().toISOString(),
    })
    .execute();
  return { id, userId: worker.id, regionCode: worker.regionCode };
}

const sheetUrl = (s: Scope, tail = "") => `/api/v1/pay-sheets/${lastSheet[s]?.id}${tail}`;

export const payProbes = {
  "GET /api/v1/pay-settings/:countyCode": {
    act: ["paySetting", "read"],
    url: (w: AccessWorld, s: Scope) => `/api/v1/pay-settings/${w.county[s]}`,
    row: (w: AccessWorld, s: Scope) => ({ id: "c", regionCode: w.county[s] }),
  },
  "PUT /api/v1/pay-settings/:countyCode": {
    act: ["paySetting", "manage"],
    read: ["paySetting", "read"],
    url: (w: AccessWorld, s: Scope) => `/api/v1/pay-settings/${w.county[s]}`,
    row: (w: AccessWorld, s: Scope) => ({ id: "county-pay-settings", regionCode: w.county[s] }),
    body: () => settings,
  },
  "GET /api/v1/pay-profiles/:userId": { act: ["payProfile", "read"], fresh: payWorker },
  "PUT /api/v1/pay-profiles/:userId": {
    act: ["payProfile", "manage"],
    read: ["payProfile", "read"],
    fresh: payWorker,
    body: () => ({ bankName: "农业银行", bankAccount: "6228480012345678901" }),
  },
  "GET /api/v1/pay-sheets": { act: ["paySheet", "read"] },
  "POST /api/v1/pay-sheets": {
    act: ["paySheet", "create"],
    fresh: sheetCounty,
    body: (w: AccessWorld, s: Scope) => ({ regionCode: w.county[s], month: "2026-11" }),
    ok: 201,
  },
  "GET /api/v1/pay-sheets/:id": { act: ["paySheet", "read"], fresh: freshSheet },
  "GET /api/v1/pay-lines/mine": { act: ["payLine", "mine"] },
  "GET /api/v1/pay-lines/mine/:id": { act: ["payLine", "mine"], fresh: freshApprovedLine },
  "POST /api/v1/pay-sheets/:id/approve": {
    act: ["paySheet", "approve"],
    read: ["paySheet", "read"],
    fresh: freshSheet,
  },
  "POST /api/v1/pay-sheets/:id/lines/:lineId/exclude": {
    act: ["paySheet", "create"],
    read: ["paySheet", "read"],
    fresh: freshSheet,
    url: (_w: AccessWorld, s: Scope) => sheetUrl(s, `/lines/${lastSheet[s]?.lineId}/exclude`),
    body: () => ({ reason: "访问矩阵测试不予发放" }),
  },
  "GET /api/v1/pay-sheets/:id/export.xlsx": {
    act: ["paySheet", "export"],
    read: ["paySheet", "read"],
    fresh: freshSheet,
    url: (_w: AccessWorld, s: Scope) => sheetUrl(s, `/export.xlsx?${reason}`),
  },
  "GET /api/v1/equipment": {
    act: ["equipment", "read"],
    fresh: payWorker,
    url: (_w: AccessWorld, s: Scope) => `/api/v1/equipment?userId=${lastWorker[s]}`,
  },
  "POST /api/v1/equipment": {
    act: ["equipment", "manage"],
    read: ["equipment", "read"],
    fresh: payWorker,
    body: (_w: AccessWorld, _s: Scope, row?: Row) => ({
      userId: row?.id,
      item: "反光背心",
      issuedOn: "2026-11-02",
    }),
    ok: 201,
  },
  "POST /api/v1/equipment/:id/return": {
    act: ["equipment", "manage"],
    read: ["equipment", "read"],
    fresh: freshEquipment,
    body: () => ({ returnedOn: "2026-11-20" }),
  },
};
