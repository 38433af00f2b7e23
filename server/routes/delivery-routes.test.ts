import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/site/uscc";
import { eachApi } from "../test/api-harness";
import { as, jpegBytes, upload, useTempDataDir } from "./case-test-kit";
import { createFixtureGrids, siteBody } from "./grid-test-fixtures";

/** A valid USCC of the home county, numbered. */
export const countyUscc = (n: number) => {
  const first17 = `91620123MA7${String(n).padStart(6, "0")}`;
  return first17 + usccCheckCharacter(first17);
};
const gasStation = (n: number) =>
  siteBody({
    name: `兴隆加油站${n}号`,
    uscc: countyUscc(n),
    industryCode: "5265",
    riskLevel: "orange",
    lon: 104.012 + n * 0.001,
    lat: 35.815,
    address: `兴隆路 ${n} 号`,
  });
const at = (ctx: { deps: { clock: { now(): Date } } }) => ctx.deps.clock.now().toISOString();
const nearSite = (n: number) => ({ lng: 104.012 + n * 0.001, lat: 35.8151, accuracy: 12 });

eachApi("document delivery (R15)", (ctx) => {
  useTempDataDir(ctx);
  const sites: string[] = [];
  let gridB = "";
  let doc = "";
  let delivery = "";
  const record = (user: string, id: string, body: Record<string, unknown>) =>
    as(ctx, user, { method: "POST", url: `/api/v1/deliveries/${id}/records`, payload: body });
  const photo = async (user: string) =>
    (await upload(ctx, user, Buffer.concat([jpegBytes, Buffer.from(randomUUID())]))).id;

  beforeAll(async () => {
    const grids = await createFixtureGrids(ctx);
    gridB = grids.B.id;
    // the worker serves grid A (all five stations lie in it); the committee member serves grid B
    await ctx.deps.db
      .insertInto("gridWorker")
      .values({
        gridId: grids.A.id,
        userId: ctx.users.worker.id,
        employment: "part_time",
        createdAt: at(ctx),
      })
      .execute();
    await ctx.deps.db
      .insertInto("gridWorker")
      .values({ gridId: gridB, userId: ctx.users.committee.id, employment: "part_time", createdAt: at(ctx) })
      .execute();
    for (let n = 1; n <= 5; n++) {
      const res = await as(ctx, "county", { method: "POST", url: "/api/v1/sites", payload: gasStation(n) });
      expect(res.statusCode, res.body).toBe(201);
      sites.push(res.json().id);
    }
    // a building-materials firm: not a gas station, never a target
    await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ uscc: countyUscc(99) }),
    });
    doc = await photo("market");
  });

  const filter = { region: "620123", industry: "5265" };

  it("shows the count before sending, then sends to exactly those sites", async () => {
    const pre = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries/preview",
      payload: filter,
    });
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json().count).toBe(5);
    const stale = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries",
      payload: { title: "加油站安全告知书", body: "请落实安全责任。", filter, expectedCount: 4 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("delivery_count_changed");
    const res = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries",
      payload: {
        title: "关于加强加油站冬季安全管理的通知",
        body: "请各加油站落实冬季防火、防静电措施，签收后张贴。",
        documentEvidenceId: doc,
        dueDate: "2026-12-31",
        filter,
        expectedCount: 5,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().targetCount).toBe(5);
    delivery = res.json().id;
  });

  it("refuses an empty filter, a region outside the sender's scope and a bad body with clear codes", async () => {
    const none = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries",
      payload: { title: "t", body: "b", filter: { region: "620123", industry: "0610" } },
    });
    expect(none.json().code).toBe("delivery_no_targets");
    const away = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries/preview",
      payload: { region: "620102" },
    });
    expect(away.statusCode).toBe(403);
    const bad = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries",
      payload: { title: "", body: "b", filter },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("validation_failed");
  });

  it("the worker sees it and records 3 delivered, 1 refused, 1 pending; the department sees each", async () => {
    const mine = await as(ctx, "worker", { method: "GET", url: "/api/v1/deliveries/mine" });
    expect(mine.statusCode, mine.body).toBe(200);
    const d = mine.json().find((x: { id: string }) => x.id === delivery);
    expect(d.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual([...sites].sort());
    const file = await as(ctx, "worker", {
      method: "GET",
      url: `/api/v1/deliveries/${delivery}/files/${doc}`,
    });
    expect(file.statusCode).toBe(200);

    for (const n of [0, 1, 2]) {
      const res = await record("worker", delivery, {
        id: randomUUID(),
        siteId: sites[n],
        outcome: "delivered",
        at: at(ctx),
        location: nearSite(n + 1),
        evidenceIds: [await photo("worker")],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().flags).toEqual([]);
    }
    const refused = await record("worker", delivery, {
      id: randomUUID(),
      siteId: sites[3],
      outcome: "refused",
      reason: "负责人不在，店员拒绝签收",
      at: at(ctx),
    });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json().flags).toEqual(["no_location"]);

    const list = await as(ctx, "market", { method: "GET", url: "/api/v1/deliveries" });
    const row = list.json().items.find((x: { id: string }) => x.id === delivery);
    expect(row.progress).toEqual({ pending: 1, delivered: 3, refused: 1, removed: 0 });

    const detail = await as(ctx, "market", { method: "GET", url: `/api/v1/deliveries/${delivery}` });
    expect(detail.statusCode).toBe(200);
    const byStatus = (s: string) =>
      detail.json().targets.filter((t: { status: string }) => t.status === s) as {
        siteId: string;
        record: {
          reason: string;
          recordedBy: { displayName: string };
          location: unknown;
          evidenceIds: string[];
        };
      }[];
    expect(byStatus("delivered")).toHaveLength(3);
    expect(byStatus("delivered")[0].record.recordedBy.displayName).toBe("测试worker");
    expect(byStatus("delivered")[0].record.location).not.toBeNull();
    expect(byStatus("refused")[0].record.reason).toBe("负责人不在，店员拒绝签收");
    expect(byStatus("pending").map((t) => t.siteId)).toEqual([sites[4]]);
    // the department opens a delivery photo
    const proof = byStatus("delivered")[0].record.evidenceIds[0];
    const pic = await as(ctx, "market", {
      method: "GET",
      url: `/api/v1/deliveries/${delivery}/files/${proof}`,
    });
    expect(pic.statusCode).toBe(200);

    // the trail holds the sending and each record
    const events = await ctx.deps.db
      .selectFrom("event")
      .select("action")
      .where("subjectType", "=", "delivery")
      .where("subjectId", "=", delivery)
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual([
      "delivery.created",
      ...Array(4).fill("delivery.recorded"),
    ]);
  });

  it("is idempotent on the phone's id, and names every refusal", async () => {
    const body = {
      id: randomUUID(),
      siteId: sites[4],
      outcome: "refused",
      reason: "已停业",
      at: at(ctx),
      location: { lng: 104.2, lat: 35.9, accuracy: 500, mock: true },
    };
    const first = await record("worker", delivery, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().flags).toEqual(["far_from_site", "poor_accuracy", "mock_location"]);
    const again = await record("worker", delivery, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const changed = await record("worker", delivery, { ...body, reason: "改了" });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_key_reused");
    // another record of the same target
    const twice = await record("worker", delivery, { ...body, id: randomUUID() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("delivery_already_recorded");
    // the committee member serves grid B, not these sites
    const notYours = await record("committee", delivery, { ...body, id: randomUUID(), siteId: sites[0] });
    expect(notYours.json().code).toBe("delivery_site_not_yours");
  });

  it("handles a site reassigned or removed while the phone was offline", async () => {
    const res = await as(ctx, "market", {
      method: "POST",
      url: "/api/v1/deliveries",
      payload: { title: "第二批告知书", body: "请签收。", filter },
    });
    const second = res.json().id as string;
    // sites 0 and 1 move to grid B after sending
    await ctx.deps.db
      .updateTable("site")
      .set({ gridId: gridB, workerId: ctx.users.committee.id })
      .where("id", "in", [sites[0], sites[1]])
      .execute();
    const byNew = await record("committee", second, {
      id: randomUUID(),
      siteId: sites[0],
      outcome: "refused",
      reason: "拒签",
      at: at(ctx),
    });
    expect(byNew.statusCode, byNew.body).toBe(201);
    expect(byNew.json().flags).not.toContain("site_reassigned");
    const late = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[0],
      outcome: "refused",
      reason: "拒签",
      at: at(ctx),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("delivery_already_recorded");
    const flagged = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[1],
      outcome: "refused",
      reason: "拒签",
      at: at(ctx),
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json().flags).toContain("site_reassigned");
    // proof uploaded by someone else
    const foreign = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[3],
      outcome: "delivered",
      at: at(ctx),
      evidenceIds: [doc],
    });
    expect(foreign.json().code).toBe("delivery_evidence_invalid");
    const noProof = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[3],
      outcome: "delivered",
      at: at(ctx),
    });
    expect(noProof.statusCode).toBe(422);
    const noReason = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[3],
      outcome: "refused",
      at: at(ctx),
    });
    expect(noReason.statusCode).toBe(422);
    // site 2 taken out of the delivery by the department
    const out = await as(ctx, "market", {
      method: "DELETE",
      url: `/api/v1/deliveries/${second}/targets/${sites[2]}`,
    });
    expect(out.statusCode).toBe(204);
    const removed = await record("worker", second, {
      id: randomUUID(),
      siteId: sites[2],
      outcome: "refused",
      reason: "拒签",
      at: at(ctx),
    });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().code).toBe("delivery_target_removed");
    const missing = await record("worker", second, {
      id: randomUUID(),
      siteId: "no-such-site",
      outcome: "refused",
      reason: "拒签",
      at: at(ctx),
    });
    expect(missing.json().code).toBe("delivery_target_not_found");
  });

  describe("who sees what", () => {
    it("the sending department and the county office read it; another department and workers do not", async () => {
      expect(
        (await as(ctx, "county", { method: "GET", url: `/api/v1/deliveries/${delivery}` })).statusCode,
      ).toBe(200);
      expect(
        (await as(ctx, "lead", { method: "GET", url: `/api/v1/deliveries/${delivery}` })).statusCode,
      ).toBe(404);
      expect(
        (await as(ctx, "other_county", { method: "GET", url: `/api/v1/deliveries/${delivery}` })).statusCode,
      ).toBe(404);
      expect((await as(ctx, "worker", { method: "GET", url: "/api/v1/deliveries" })).statusCode).toBe(403);
      const lead = await as(ctx, "lead", { method: "GET", url: "/api/v1/deliveries" });
      expect(lead.json().items.map((d: { id: string }) => d.id)).not.toContain(delivery);
    });

    it("exports the progress with a stated reason only, and records the export", async () => {
      const url = `/api/v1/deliveries/${delivery}/export.xlsx`;
      const bare = await as(ctx, "market", { method: "GET", url });
      expect(bare.statusCode).toBe(422);
      expect(bare.json().code).toBe("export_reason_required");
      const res = await as(ctx, "market", {
        method: "GET",
        url: `${url}?reason=${encodeURIComponent("核对送达进度")}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const statuses = [] as string[];
      ws.eachRow((row, n) => {
        if (n > 2) statuses.push(String(row.getCell(5).value));
      });
      expect(statuses.sort()).toEqual(["已送达", "已送达", "已送达", "拒收", "拒收"]);
      expect(String(ws.getCell(1, 1).value)).toContain("导出人");
    });
  });
});
