import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { exportRows } from "../test/export-rows";
import { seedOversight } from "../test/oversight-world";
import { as, caseAt, jpegBytes, pdfBytes, report, upload, useTempDataDir } from "./case-test-kit";

/**
 * 佐证材料 of a manual assessment item (issue 13.4): files uploaded first, named when the item is scored,
 * checked (the scorer's own unused upload or already this result's, present in the evidence store) and
 * attached to the result; readable by whoever reads the run and — once published — by the assessed, no one
 * else; listed with the result, in the trail and in the export.
 */
const scheme = {
  name: "榆中县网格员佐证材料考核",
  regionCode: "620123",
  level: "grid_worker",
  indicators: [{ indicatorId: "valid_reports", weight: 80, rule: { kind: "linear", floor: 0, target: 2 } }],
  manualItems: [{ id: "conduct", zh: "工作作风", maxPoints: 20 }],
};

interface FileView {
  id: string;
  fileName: string;
  sha256: string;
  mimeType: string;
  url: string;
}
interface Manual {
  id: string;
  points: number | null;
  evidence: string | null;
  evidenceIds: string[];
  files: FileView[];
}

eachApi("assessment 佐证材料 files (R23)", (ctx) => {
  useTempDataDir(ctx);
  let runId: string;
  let mine: { id: string };
  let other: { id: string };
  const pdfBody = Buffer.concat([pdfBytes, Buffer.from("月度工作日志抽查记录")]);
  const photoBody = Buffer.concat([jpegBytes, Buffer.from("现场核查照片")]);
  let pdf: { id: string; sha256: string };
  let photo: { id: string; sha256: string };

  const score = (who: string, resultId: string, body: Record<string, unknown>) =>
    as(ctx, who, {
      method: "PUT",
      url: `/api/v1/assessment-runs/${runId}/results/${resultId}/manual/conduct`,
      payload: { points: 15, evidence: "抽查月度工作日志", ...body },
    });
  const conductOf = async (resultId: string, who = "county") => {
    const res = await as(ctx, who, {
      method: "GET",
      url: `/api/v1/assessment-runs/${runId}/results/${resultId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().breakdown.manual as Manual[]).find((m) => m.id === "conduct") as Manual;
  };
  const fetchFile = (who: string, id: string) =>
    as(ctx, who, { method: "GET", url: `/api/v1/evidence/${id}` });

  beforeAll(async () => {
    await seedOversight(ctx);
    await caseAt(ctx, "triaged", { description: "有效上报：配电箱未上锁" });
    const made = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/assessment-schemes",
      payload: scheme,
    });
    expect(made.statusCode, made.body).toBe(201);
    const run = await as(ctx, "county", {
      method: "POST",
      url: `/api/v1/assessment-schemes/${made.json().id}/runs`,
      payload: { period: "2026-11" },
    });
    expect(run.statusCode, run.body).toBe(201);
    runId = run.json().id;
    const body = (await as(ctx, "county", { method: "GET", url: `/api/v1/assessment-runs/${runId}` })).json();
    mine = body.results.find((r: { subjectId: string }) => r.subjectId === ctx.users.worker.id);
    other = body.results.find((r: { subjectId: string }) => r.subjectId !== ctx.users.worker.id);
    pdf = await upload(ctx, "county", pdfBody, "11月工作日志抽查.pdf");
    photo = await upload(ctx, "county", photoBody, "现场核查.jpg");
  });

  it("attaches the scorer's uploaded files to the result, listed in order with name, type and hash", async () => {
    const res = await score("county", mine.id, { evidenceIds: [pdf.id, photo.id] });
    expect(res.statusCode, res.body).toBe(200);
    const m = (res.json().breakdown.manual as Manual[])[0];
    expect(m).toMatchObject({ points: 15, evidenceIds: [pdf.id, photo.id] });
    expect(m.files.map((f) => [f.fileName, f.mimeType, f.sha256])).toEqual([
      ["11月工作日志抽查.pdf", "application/pdf", pdf.sha256],
      ["现场核查.jpg", "image/jpeg", photo.sha256],
    ]);
    expect(m.files[0].url).toBe(`/api/v1/evidence/${pdf.id}`);
    const stored = await ctx.deps.db
      .selectFrom("evidence")
      .select(["id", "subjectType", "subjectId", "caseId"])
      .where("id", "in", [pdf.id, photo.id])
      .execute();
    expect(stored.map((e) => [e.subjectType, e.subjectId, e.caseId])).toEqual([
      ["assessment_result", mine.id, null],
      ["assessment_result", mine.id, null],
    ]);
    const trail = await ctx.deps.db
      .selectFrom("event")
      .select("data")
      .where("subjectId", "=", runId)
      .where("action", "=", "assessment.manual_scored")
      .execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].data).files).toEqual([
      { id: pdf.id, fileName: "11月工作日志抽查.pdf", sha256: pdf.sha256 },
      { id: photo.id, fileName: "现场核查.jpg", sha256: photo.sha256 },
    ]);
  });

  it("lets the run's readers open the files; another county, the unpublished assessed and others get 404", async () => {
    for (const who of ["county2", "city", "province"]) {
      const got = await fetchFile(who, pdf.id);
      expect(got.statusCode, `${who} ${got.body}`).toBe(200);
      expect(got.rawPayload.equals(pdfBody)).toBe(true);
    }
    for (const who of ["other_county", "worker", "worker2", "station", "lead"]) {
      const got = await fetchFile(who, pdf.id);
      expect(got.statusCode, who).toBe(404);
    }
    // finance reads no case files at all (refused at the route)
    expect((await fetchFile("finance", pdf.id)).statusCode).toBe(403);
    // the result itself: read by the offices, not by another county
    expect(
      (
        await as(ctx, "other_county", {
          method: "GET",
          url: `/api/v1/assessment-runs/${runId}/results/${mine.id}`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("refuses files that are not the scorer's unused uploads, or not in the store, keeping the earlier score", async () => {
    const refused = async (ids: string[], code: string, status = 422) => {
      const res = await score("county", mine.id, { points: 5, evidenceIds: ids });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      const kept = await conductOf(mine.id);
      expect(kept.points).toBe(15);
      expect(kept.files.map((f) => f.id)).toEqual([pdf.id, photo.id]);
    };
    // someone else's upload (the second county office's)
    const theirs = await upload(ctx, "county2", pdfBody, "他人上传.pdf");
    await refused([pdf.id, theirs.id], "evidence_not_found");
    // the scorer's own upload already on a case
    const onCase = await upload(
      ctx,
      "county",
      Buffer.concat([jpegBytes, Buffer.from("案件照片")]),
      "案件.jpg",
    );
    const filed = await report(ctx, "county", { source: "hotline", evidenceIds: [onCase.id] });
    expect(filed.statusCode, filed.body).toBe(201);
    await refused([onCase.id], "evidence_not_found");
    // a file already attached to another assessed person's result
    const forOther = await upload(
      ctx,
      "county",
      Buffer.concat([pdfBytes, Buffer.from("其他人的材料")]),
      "b.pdf",
    );
    expect((await score("county", other.id, { evidenceIds: [forOther.id] })).statusCode).toBe(200);
    await refused([forOther.id], "evidence_not_found");
    // an id that was never uploaded, and the same file twice
    await refused(["0b0c5a3e-0000-4000-8000-000000000001"], "evidence_not_found");
    await refused([pdf.id, pdf.id], "validation_failed");
    // an upload whose stored file has gone from the store: refused, and left unattached
    const gone = await upload(
      ctx,
      "county",
      Buffer.concat([pdfBytes, Buffer.from("丢失的文件")]),
      "gone.pdf",
    );
    fs.rmSync(path.join(ctx.deps.config.dataDir, "evidence", gone.sha256));
    await refused([gone.id], "evidence_missing");
    const left = await ctx.deps.db
      .selectFrom("evidence")
      .select("subjectType")
      .where("id", "=", gone.id)
      .executeTakeFirstOrThrow();
    expect(left.subjectType).toBeNull();
  });

  it("refuses scoring by a role that may not assess (403) and by another county (404)", async () => {
    const own = await upload(ctx, "station", pdfBody, "乡镇.pdf");
    const station = await score("station", mine.id, { evidenceIds: [own.id] });
    expect(station.statusCode).toBe(403);
    const theirs = await upload(ctx, "other_county", pdfBody, "外县.pdf");
    const otherCounty = await score("other_county", mine.id, { evidenceIds: [theirs.id] });
    expect(otherCounty.statusCode).toBe(404);
    expect(otherCounty.json().code).toBe("assessment_run_not_found");
    for (const id of [own.id, theirs.id]) {
      const row = await ctx.deps.db
        .selectFrom("evidence")
        .select("subjectType")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.subjectType).toBeNull();
    }
  });

  it("gives a file named by two results at once to one of them: the other is refused and lists nothing", async () => {
    // a second scheme's run of the same month: its rows are locked apart from the first run's, so the two
    // scorings truly race (separate connections on PostgreSQL)
    const made = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/assessment-schemes",
      payload: { ...scheme, name: "榆中县网格员佐证材料考核（乙）" },
    });
    const run2 = (
      await as(ctx, "county", {
        method: "POST",
        url: `/api/v1/assessment-schemes/${made.json().id}/runs`,
        payload: { period: "2026-11" },
      })
    ).json().id as string;
    const results2 = (
      await as(ctx, "county", { method: "GET", url: `/api/v1/assessment-runs/${run2}` })
    ).json().results as { id: string }[];
    const target = results2[0].id;
    for (let n = 0; n < 4; n++) {
      const f = await upload(
        ctx,
        "county",
        Buffer.concat([pdfBytes, Buffer.from(`争用${n}`)]),
        `争用${n}.pdf`,
      );
      const [a, b] = await Promise.all([
        score("county", other.id, { evidenceIds: [f.id] }),
        as(ctx, "county", {
          method: "PUT",
          url: `/api/v1/assessment-runs/${run2}/results/${target}/manual/conduct`,
          payload: { points: 10, evidence: "争用测试", evidenceIds: [f.id] },
        }),
      ]);
      expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 422]);
      const winner = a.statusCode === 200 ? other.id : target;
      const row = await ctx.deps.db
        .selectFrom("evidence")
        .select("subjectId")
        .where("id", "=", f.id)
        .executeTakeFirstOrThrow();
      expect(row.subjectId).toBe(winner);
      const loser = a.statusCode === 200 ? { run: run2, id: target } : { run: runId, id: other.id };
      const read = await as(ctx, "county", {
        method: "GET",
        url: `/api/v1/assessment-runs/${loser.run}/results/${loser.id}`,
      });
      const files = (read.json().breakdown.manual as Manual[]).flatMap((m) => m.files.map((x) => x.id));
      expect(files).not.toContain(f.id);
    }
  });

  it("replaces an item's list on rescoring: a file kept by id, one left out stays attached and readable", async () => {
    const res = await score("county", mine.id, { points: 16, evidenceIds: [photo.id] });
    expect(res.statusCode, res.body).toBe(200);
    const m = await conductOf(mine.id);
    expect(m).toMatchObject({ points: 16, evidenceIds: [photo.id] });
    expect(m.files.map((f) => f.fileName)).toEqual(["现场核查.jpg"]);
    expect((await fetchFile("county2", pdf.id)).statusCode).toBe(200);
    // and back again: the left-out file is still this result's, so it may be named again
    expect((await score("county", mine.id, { points: 16, evidenceIds: [pdf.id, photo.id] })).statusCode).toBe(
      200,
    );
    expect((await conductOf(mine.id)).files.map((f) => f.id)).toEqual([pdf.id, photo.id]);
  });

  it("once published: the assessed opens their own files and sees them in 我的考核; the export names them", async () => {
    const ok = await as(ctx, "county2", {
      method: "POST",
      url: `/api/v1/assessment-runs/${runId}/review`,
      payload: { decision: "approve" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // frozen after review: the files cannot change either
    const frozen = await score("county", mine.id, { evidenceIds: [] });
    expect(frozen.statusCode).toBe(409);
    expect((await fetchFile("worker", pdf.id)).statusCode).toBe(404);
    const pub = await as(ctx, "county2", { method: "POST", url: `/api/v1/assessment-runs/${runId}/publish` });
    expect(pub.statusCode, pub.body).toBe(200);

    const got = await fetchFile("worker", pdf.id);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.rawPayload.equals(pdfBody)).toBe(true);
    for (const who of ["worker2", "station", "other_county"])
      expect((await fetchFile(who, pdf.id)).statusCode, who).toBe(404);
    const own = (await as(ctx, "worker", { method: "GET", url: "/api/v1/assessment-results/mine" })).json()
      .items;
    expect(own).toHaveLength(1);
    expect((own[0].breakdown.manual as Manual[])[0].files.map((f) => f.fileName)).toEqual([
      "11月工作日志抽查.pdf",
      "现场核查.jpg",
    ]);

    const x = await as(ctx, "county", {
      method: "GET",
      url: `/api/v1/assessment-runs/${runId}/export.xlsx?reason=${encodeURIComponent("报县政府考核通报")}`,
    });
    expect(x.statusCode, x.body).toBe(200);
    const rows = await exportRows(x);
    const header = rows.find((r) => r.includes("名次")) as unknown[];
    expect(header.at(-1)).toBe("工作作风·评分依据");
    const row = rows.find((r) => r[2] === "测试worker") as unknown[];
    expect(row.at(-1)).toBe(
      `抽查月度工作日志；佐证材料：11月工作日志抽查.pdf (SHA-256 ${pdf.sha256.slice(0, 12)})、现场核查.jpg (SHA-256 ${photo.sha256.slice(0, 12)})`,
    );
  });
});
