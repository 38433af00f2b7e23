import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { exportRows } from "../test/export-rows";
import { seedOversight } from "../test/oversight-world";
import { act, as, caseAt, report } from "./case-test-kit";

/**
 * Assessment end to end (R23, issue 13.4) on real cases: a county scheme for its grid workers, bad schemes,
 * a period with no data, a run with its breakdown down to the case numbers, a manual item scored with
 * evidence, an adjustment with its reason, review by a second person, publication, the assessed reading
 * their result, a second run of the published period as a new version, the province's view and the export.
 */
const scheme = {
  name: "榆中县网格员月度考核",
  regionCode: "620123",
  level: "grid_worker",
  indicators: [
    {
      indicatorId: "valid_reports",
      weight: 60,
      rule: {
        kind: "threshold",
        direction: "higher",
        steps: [
          { bound: 1, percent: 50 },
          { bound: 2, percent: 100 },
        ],
      },
    },
    { indicatorId: "training_attendance", weight: 20, rule: { kind: "linear", floor: 0, target: 100 } },
  ],
  manualItems: [{ id: "conduct", zh: "工作作风", maxPoints: 20 }],
};

eachApi("assessment of grid workers (R23)", (ctx) => {
  let world: Awaited<ReturnType<typeof seedOversight>>;
  let schemeId: string;
  const valid: string[] = [];
  beforeAll(async () => {
    world = await seedOversight(ctx);
    // two confirmed reports, one rejected, one never confirmed: 2 valid reports for the worker
    for (let n = 0; n < 2; n++)
      valid.push(await caseAt(ctx, "triaged", { description: `有效上报${n}：配电箱未上锁` }));
    const rejected = (await report(ctx, "worker", { description: "重复上报：已处理的问题" })).json().case.id;
    expect((await act(ctx, "lead", rejected, "reject", { reason: "经核实不属于安全隐患" })).statusCode).toBe(
      200,
    );
    await report(ctx, "worker", { description: "未受理：待核实的问题" });
  });

  it("refuses a scheme whose weights do not add up to 100, or with an unknown indicator", async () => {
    const post = (payload: Record<string, unknown>) =>
      as(ctx, "county", { method: "POST", url: "/api/v1/assessment-schemes", payload });
    const short = await post({ ...scheme, manualItems: [{ id: "conduct", zh: "工作作风", maxPoints: 10 }] });
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: "weights_not_100", details: { sum: 90 } });
    expect(short.json().message).toContain("之和须为 100");
    const unknown = await post({
      ...scheme,
      indicators: [{ ...scheme.indicators[0], indicatorId: "happiness" }, scheme.indicators[1]],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: "unknown_indicator", message: "没有这个指标：happiness" });
    const wrongLevel = await post({
      ...scheme,
      indicators: [{ ...scheme.indicators[0], indicatorId: "rework_rate" }, scheme.indicators[1]],
    });
    expect(wrongLevel.json().code).toBe("unknown_indicator");
    expect(wrongLevel.json().message).toBe("指标“返工率”不适用于此考核对象");
    expect(
      (await as(ctx, "station", { method: "POST", url: "/api/v1/assessment-schemes", payload: scheme }))
        .statusCode,
    ).toBe(403);
    const made = await post(scheme);
    expect(made.statusCode, made.body).toBe(201);
    schemeId = made.json().id;
  });

  it("refuses a period with no data and stores nothing", async () => {
    const res = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${schemeId}/runs`,
      payload: { period: "2026-01" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("assessment_no_data");
    expect(res.json().message).toContain("该期没有可计算的数据");
    const runs = await as(ctx, "county", { method: "GET", url: "/api/v1/assessment-runs?period=2026-01" });
    expect(runs.json().items).toEqual([]);
  });

  it("refuses to run a stored scheme whose rule refers to an indicator no longer known, storing nothing", async () => {
    const made = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/assessment-schemes",
      payload: { ...scheme, name: "引用已删除指标的方案" },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    // as if the catalogue had dropped an indicator after the scheme was saved
    const stored = await ctx.deps.db
      .selectFrom("assessmentScheme")
      .select("definition")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const definition = JSON.parse(stored.definition);
    definition.indicators[0].indicatorId = "retired_indicator";
    await ctx.deps.db
      .updateTable("assessmentScheme")
      .set({ definition: JSON.stringify(definition) })
      .where("id", "=", id)
      .execute();
    const res = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${id}/runs`,
      payload: { period: "2026-11" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "unknown_indicator",
      details: { indicatorId: "retired_indicator" },
    });
    expect(res.json().message).toContain("不存在的指标：retired_indicator，未生成考核结果");
    const runs = await ctx.deps.db
      .selectFrom("assessmentRun")
      .select("id")
      .where("schemeId", "=", id)
      .execute();
    expect(runs).toEqual([]);
  });

  it("runs, adjusts with a reason, is reviewed by a second person, published, and frozen", async () => {
    const run = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${schemeId}/runs`,
      payload: { period: "2026-11" },
    });
    expect(run.statusCode, run.body).toBe(201);
    const runId = run.json().id as string;
    const read = (who = "county") => as(ctx, who, { method: "GET", url: `/api/v1/assessment-runs/${runId}` });
    let body = (await read()).json();
    expect(body).toMatchObject({ status: "computed", version: 1, subjectCount: 2, period: "2026-11" });
    const mine = body.results.find((r: { subjectId: string }) => r.subjectId === ctx.users.worker.id);
    const other = body.results.find((r: { subjectId: string }) => r.subjectId === world.worker2Id);
    // 2 valid reports reach the top step (60 of 60); no training this month: unavailable, left out
    expect(mine.breakdown.items[0]).toMatchObject({
      indicatorId: "valid_reports",
      value: 2,
      points: 60,
      recordCount: 2,
    });
    expect(mine.breakdown.items[1]).toMatchObject({
      indicatorId: "training_attendance",
      available: false,
      points: null,
    });
    expect(mine.computedScore).toBe(75); // (60 + 0 manual) / 80 × 100
    expect(other.computedScore).toBe(0);
    expect([mine.rank, other.rank]).toEqual([1, 2]);
    // the breakdown down to the records: the two confirmed cases, by number
    const detail = (
      await as(ctx, "county", { method: "GET", url: `/api/v1/assessment-runs/${runId}/results/${mine.id}` })
    ).json();
    const numbers = await ctx.deps.db
      .selectFrom("caseRecord")
      .select(["id", "number"])
      .where("id", "in", valid)
      .execute();
    expect(detail.breakdown.items[0].records.map((r: { id: string }) => r.id).sort()).toEqual(
      [...valid].sort(),
    );
    expect(detail.breakdown.items[0].records.map((r: { label: string }) => r.label).sort()).toEqual(
      numbers.map((n) => n.number).sort(),
    );

    // a review while a manual item is open, then scoring it with evidence
    const early = await as(ctx, "county2", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/review`,
      payload: { decision: "approve" },
    });
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().code).toBe("manual_items_pending");
    for (const [r, points] of [
      [mine, 15],
      [other, 20],
    ] as const) {
      const s = await as(ctx, "county", {
        method: "PUT",
        url: `/api/v1/assessment-runs/${runId}/results/${r.id}/manual/conduct`,
        payload: { points, evidence: "月度工作日志抽查记录" },
      });
      expect(s.statusCode, s.body).toBe(200);
    }
    const over = await as(ctx, "county", {
      method: "PUT",
      url: `/api/v1/assessment-runs/${runId}/results/${mine.id}/manual/conduct`,
      payload: { points: 25, evidence: "超出分值" },
    });
    expect(over.statusCode).toBe(422);
    // the earlier score stands after the refused one
    const kept = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/assessment-runs/${runId}/results/${mine.id}`,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().breakdown.manual.find((m: { id: string }) => m.id === "conduct")).toMatchObject({
      points: 15,
      evidence: "月度工作日志抽查记录",
      files: [],
    });

    // an adjustment needs a reason
    const noReason = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/results/${other.id}/adjustments`,
      payload: { delta: 5 },
    });
    expect(noReason.statusCode).toBe(422);
    const adj = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/results/${other.id}/adjustments`,
      payload: { delta: 5, reason: "协助处置森林火情，县安委办表彰加分" },
    });
    expect(adj.statusCode, adj.body).toBe(200);
    body = (await read()).json();
    const m2 = body.results.find((r: { id: string }) => r.id === mine.id);
    const o2 = body.results.find((r: { id: string }) => r.id === other.id);
    expect(m2.finalScore).toBe(93.75); // (60 + 15) / 80 × 100
    expect(o2).toMatchObject({ computedScore: 25, adjustment: 5, finalScore: 30 });
    expect(body.adjustments).toMatchObject([
      { resultId: other.id, delta: 5, reason: "协助处置森林火情，县安委办表彰加分" },
    ]);
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select(["action", "data"])
      .where("subjectId", "=", runId)
      .orderBy("id")
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      "assessment.run",
      "assessment.manual_scored",
      "assessment.manual_scored",
      "assessment.adjusted",
    ]);
    expect(trail[3].data).toContain("协助处置森林火情");

    // the same person cannot review; publication waits for the review
    const self = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/review`,
      payload: { decision: "approve" },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("same_person_review");
    expect(
      (await as(ctx, "county2", { method: "POST", url: `/api/v1/assessment-runs/${runId}/publish` })).json()
        .code,
    ).toBe("assessment_not_reviewed");
    const ok = await as(ctx, "county2", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/review`,
      payload: { decision: "approve", note: "已核对" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const frozen = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/results/${other.id}/adjustments`,
      payload: { delta: 1, reason: "复核后再调" },
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe("assessment_frozen");
    expect(
      (await as(ctx, "worker", { method: "GET", url: "/api/v1/assessment-results/mine" })).json().items,
    ).toEqual([]);
    const pub = await as(ctx, "county2", { method: "POST", url: `/api/v1/assessment-runs/${runId}/publish` });
    expect(pub.statusCode, pub.body).toBe(200);

    // the assessed see their own published result; another worker's is not in their list
    const own = (await as(ctx, "worker", { method: "GET", url: "/api/v1/assessment-results/mine" })).json()
      .items;
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ finalScore: 93.75, rank: 1, period: "2026-11", subjectCount: 2 });

    // a second run of the published period: a clear message, then a new version with a reason
    const again = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${schemeId}/runs`,
      payload: { period: "2026-11" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "assessment_period_published", details: { version: 1 } });
    expect(again.json().message).toContain("2026-11 已发布第 1 版考核结果");
    const v2 = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${schemeId}/runs`,
      payload: { period: "2026-11", reason: "补录漏报案件后重算" },
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().version).toBe(2);
    body = (await read()).json();
    expect(body).toMatchObject({ status: "published", version: 1 });
    expect(body.results.find((r: { id: string }) => r.id === other.id).finalScore).toBe(30);

    // the province sees who assessed whom, when, with which scheme; another county sees nothing
    const prov = (await as(ctx, "province", { method: "GET", url: "/api/v1/assessment-runs" })).json().items;
    expect(prov.map((r: { version: number }) => r.version).sort()).toEqual([1, 2]);
    expect(prov.find((r: { version: number }) => r.version === 1)).toMatchObject({
      schemeName: scheme.name,
      level: "grid_worker",
      runByName: "测试county",
      reviewedByName: "测试county2",
      publishedByName: "测试county2",
    });
    expect(
      (await as(ctx, "other_county", { method: "GET", url: "/api/v1/assessment-runs" })).json().items,
    ).toEqual([]);
    expect((await read("other_county")).statusCode).toBe(404);

    // the ranked export
    const x = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/assessment-runs/${runId}/export.xlsx?reason=${encodeURIComponent("报县政府考核通报")}`,
    });
    expect(x.statusCode, x.body).toBe(200);
    const rows = await exportRows(x);
    const first = rows.find((r) => r[2] === "测试worker");
    expect(first?.slice(1)).toEqual([
      1,
      "测试worker",
      "620123100001",
      60,
      "不可用",
      15,
      93.75,
      0,
      93.75,
      "月度工作日志抽查记录",
    ]);
  });
});
