import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import {
  act,
  as,
  caseAt,
  jpegBytes,
  multipart,
  pdfBytes,
  report,
  upload,
  useTempDataDir,
} from "./case-test-kit";

eachApi("case evidence", (ctx) => {
  useTempDataDir(ctx);
  const post = (username: string, files: { name: string; data: Buffer; type?: string }[]) =>
    as(ctx, username, { method: "POST", url: "/api/v1/evidence", ...multipart(files) });

  it("stores files content-addressed with their SHA-256, type checked from the content", async () => {
    const res = await post("worker", [
      { name: "现场.jpg", data: jpegBytes, type: "image/jpeg" },
      { name: "整改通知书.pdf", data: pdfBytes },
    ]);
    expect(res.statusCode).toBe(201);
    const [photo, pdf] = res.json().items;
    expect(photo.sha256).toBe(createHash("sha256").update(jpegBytes).digest("hex"));
    expect(photo.mimeType).toBe("image/jpeg");
    expect(pdf.mimeType).toBe("application/pdf");
    const file = path.join(ctx.deps.config.dataDir, "evidence", photo.sha256);
    expect(fs.readFileSync(file).equals(jpegBytes)).toBe(true);
    // The same bytes again: a second record, one file.
    const again = (await post("worker", [{ name: "again.jpg", data: jpegBytes }])).json().items[0];
    expect(again.id).not.toBe(photo.id);
    expect(again.sha256).toBe(photo.sha256);
    const got = await as(ctx, "worker", { method: "GET", url: photo.url });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/jpeg");
    expect(got.rawPayload.equals(jpegBytes)).toBe(true);
  });

  it("refuses a wrong type (whatever the name says) and an oversized file with 422 in Chinese", async () => {
    const exe = await post("worker", [
      { name: "photo.jpg", data: Buffer.from("MZ\x90\x00 not a photo"), type: "image/jpeg" },
    ]);
    expect(exe.statusCode).toBe(422);
    expect(exe.json().code).toBe("evidence_type_not_allowed");
    expect(exe.json().message).toContain("类型不允许");
    const big = Buffer.concat([jpegBytes, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const large = await post("worker", [{ name: "big.jpg", data: big }]);
    expect(large.statusCode).toBe(422);
    expect(large.json().code).toBe("evidence_too_large");
    const none = await as(ctx, "worker", { method: "POST", url: "/api/v1/evidence", payload: { a: 1 } });
    expect(none.statusCode).toBe(415);
    expect((await post("worker", [])).statusCode).toBe(422);
  });

  it("attaches evidence to a case; others see it only if they may read the case", async () => {
    const ev = await upload(ctx, "worker");
    const created = await report(ctx, "worker", { evidenceIds: [ev.id] });
    expect(created.statusCode).toBe(201);
    const id = created.json().case.id;
    const detail = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${id}` })).json();
    expect(detail.evidence.map((e: { id: string }) => e.id)).toEqual([ev.id]);
    expect(detail.timeline[0].evidence[0].sha256).toBe(ev.sha256);
    expect((await as(ctx, "lead", { method: "GET", url: `/api/v1/evidence/${ev.id}` })).statusCode).toBe(200);
    expect(
      (await as(ctx, "other_county", { method: "GET", url: `/api/v1/evidence/${ev.id}` })).statusCode,
    ).toBe(404);
    // Already attached: it cannot be attached to another case by someone else.
    const reuse = await report(ctx, "committee", { evidenceIds: [ev.id] });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().code).toBe("evidence_not_found");
  });

  it("feedback without evidence is refused; with evidence the hashes go into the trail", async () => {
    const id = await caseAt(ctx, "handling");
    const none = await act(ctx, "market", id, "feedback", { result: "fixed", evidenceIds: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().message).toContain("整改照片");
    const partial = await act(ctx, "market", id, "feedback", {
      result: "partial",
      evidenceIds: [(await upload(ctx, "market")).id],
    });
    expect(partial.statusCode).toBe(422);
    const ev = await upload(ctx, "market", pdfBytes, "report.pdf");
    const ok = await act(ctx, "market", id, "feedback", {
      result: "partial",
      note: "钢瓶已移出，报警器待安装",
      evidenceIds: [ev.id],
    });
    expect(ok.statusCode).toBe(200);
    const events = await ctx.database.db
      .selectFrom("event")
      .select("data")
      .where("subjectId", "=", id)
      .where("action", "=", "case.fed_back")
      .execute();
    expect(JSON.parse(events[0].data).evidence).toEqual([{ id: ev.id, sha256: ev.sha256 }]);
  });
});
