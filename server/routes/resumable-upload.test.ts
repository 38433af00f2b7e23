import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { uploadState } from "../../domain/schemas/field-sync-schemas";
import { maxOpenUploads, purgeStaleUploads } from "../commands/evidence/resumable-upload";
import { uploadsDir } from "../commands/evidence/upload-parts";
import { startJobRunner } from "../jobs/job-runner";
import { eachApi } from "../test/api-harness";
import { as, useTempDataDir } from "./case-test-kit";

/** A JPEG with an APP1 Exif segment (GPS and time live there): the server must store it byte for byte. */
function photo(seed: string, size = 300_000): Buffer {
  const head = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x16]),
    Buffer.from("Exif\0\0MM\0*GPS-104.015"),
  ]);
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff;
  return Buffer.concat([head, body]);
}
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

eachApi("resumable uploads", (ctx) => {
  useTempDataDir(ctx);

  const start = (username: string, file: Buffer, over: Record<string, unknown> = {}) =>
    as(ctx, username, {
      method: "POST",
      url: "/api/v1/uploads",
      payload: {
        sha256: sha(file),
        size: file.length,
        fileName: "现场.jpg",
        mimeType: "image/jpeg",
        ...over,
      },
    });
  const put = (username: string, id: string, file: Buffer, from: number, to: number, total = file.length) =>
    as(ctx, username, {
      method: "PUT",
      url: `/api/v1/uploads/${id}`,
      payload: file.subarray(from, to),
      headers: {
        "content-type": "application/octet-stream",
        "content-range": `bytes ${from}-${to - 1}/${total}`,
      },
    });
  const status = (username: string, id: string) =>
    as(ctx, username, { method: "GET", url: `/api/v1/uploads/${id}` });

  it("an interrupted upload resumes where the server stands and ends as evidence, bytes untouched", async () => {
    const file = photo("a");
    const first = await start("worker", file);
    expect(first.statusCode).toBe(201);
    const { id, offset } = uploadState.parse(first.json());
    expect(offset).toBe(0);
    expect((await put("worker", id, file, 0, 100_000)).json()).toMatchObject({ offset: 100_000 });
    // The network dropped; the phone asks again, by hash: the same session, at the server's offset.
    const again = await start("worker", file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, offset: 100_000 });
    expect((await status("worker", id)).json()).toEqual({ id, offset: 100_000, size: file.length });
    // A piece from the wrong place: 409 with the current offset.
    const wrong = await put("worker", id, file, 50_000, 150_000);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: "upload_offset_mismatch", details: { offset: 100_000 } });
    expect((await put("worker", id, file, 100_000, 200_000)).json()).toMatchObject({ offset: 200_000 });
    const last = await put("worker", id, file, 200_000, file.length);
    expect(last.statusCode).toBe(200);
    const done = uploadState.parse(last.json());
    expect(done).toMatchObject({ offset: file.length, evidenceId: expect.any(String) });
    const fetched = await as(ctx, "worker", { method: "GET", url: `/api/v1/evidence/${done.evidenceId}` });
    expect(fetched.statusCode).toBe(200);
    expect(sha(fetched.rawPayload)).toBe(sha(file));
    expect(fetched.headers["content-type"]).toBe("image/jpeg");
    // The partial file is gone; the last piece sent again answers the same.
    expect(fs.existsSync(path.join(uploadsDir(ctx.deps.config.dataDir), `${id}.part`))).toBe(false);
    expect((await put("worker", id, file, 200_000, file.length)).json()).toMatchObject({
      evidenceId: done.evidenceId,
    });
    expect((await status("worker", id)).json()).toMatchObject({
      offset: file.length,
      evidenceId: done.evidenceId,
    });
  });

  it("the same bytes again are done at once, for the same user only", async () => {
    const file = photo("b", 50_000);
    const s = uploadState.parse((await start("worker", file)).json());
    const done = uploadState.parse((await put("worker", s.id, file, 0, file.length)).json());
    const again = await start("worker", file);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ offset: file.length, evidenceId: done.evidenceId });
    // Another user knowing the hash gets a session of their own and must send the bytes.
    const other = await start("committee", file);
    expect(other.json()).toMatchObject({ offset: 0 });
    expect(other.json().evidenceId).toBeUndefined();
  });

  it("a wrong hash is refused (422 upload_hash_mismatch) and the session starts over", async () => {
    const file = photo("c", 20_000);
    const s = uploadState.parse((await start("worker", file, { sha256: sha(photo("d", 20_000)) })).json());
    const res = await put("worker", s.id, file, 0, file.length);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("upload_hash_mismatch");
    expect((await status("worker", s.id)).json()).toMatchObject({ offset: 0 });
  });

  it("sizes and types follow the evidence rules; bad ranges are 4xx", async () => {
    const big = await start("worker", photo("e", 1000), { size: 10 * 1024 * 1024 + 1 });
    expect(big.statusCode).toBe(422);
    expect(big.json().code).toBe("evidence_too_large");
    const text = Buffer.from("这不是照片".repeat(100));
    const s = uploadState.parse((await start("worker", text)).json());
    const refused = await put("worker", s.id, text, 0, text.length);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("evidence_type_not_allowed");
    const file = photo("f", 10_000);
    const t = uploadState.parse((await start("worker", file)).json());
    const noRange = await as(ctx, "worker", {
      method: "PUT",
      url: `/api/v1/uploads/${t.id}`,
      payload: file,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(noRange.statusCode).toBe(422);
    const json = await as(ctx, "worker", {
      method: "PUT",
      url: `/api/v1/uploads/${t.id}`,
      payload: { a: 1 },
      headers: { "content-range": `bytes 0-6/${file.length}` },
    });
    expect(json.statusCode).toBe(415);
    const tooLong = await put("worker", t.id, Buffer.alloc(10 * 1024 * 1024 + 10), 0, 10 * 1024 * 1024 + 10);
    expect(tooLong.statusCode).toBe(413);
    const bad = await as(ctx, "worker", { method: "GET", url: "/api/v1/uploads/not-a-uuid" });
    expect(bad.statusCode).toBe(422);
  });

  // /dev/full answers every write with ENOSPC: the partial file of this session is made to be it.
  it.skipIf(!fs.existsSync("/dev/full"))(
    "a full disk answers 507 storage_full, and the piece can be sent again",
    async () => {
      const file = photo("i", 10_000);
      const s = uploadState.parse((await start("worker", file)).json());
      fs.mkdirSync(uploadsDir(ctx.deps.config.dataDir), { recursive: true });
      const part = path.join(uploadsDir(ctx.deps.config.dataDir), `${s.id}.part`);
      fs.symlinkSync("/dev/full", part);
      const full = await put("worker", s.id, file, 0, file.length);
      expect(full.statusCode).toBe(507);
      expect(full.json().code).toBe("storage_full");
      expect((await status("worker", s.id)).json()).toMatchObject({ offset: 0 });
      fs.rmSync(part);
      expect((await put("worker", s.id, file, 0, file.length)).json()).toMatchObject({
        evidenceId: expect.any(String),
      });
    },
  );

  it("an account holds at most maxOpenUploads unfinished uploads (429), then finishes one and goes on", async () => {
    const open = Number(
      (
        await ctx.deps.db
          .selectFrom("uploadSession")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("ownerId", "=", ctx.users.provider.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const files = Array.from({ length: maxOpenUploads - open + 1 }, (_, i) => photo(`cap${i}`, 64));
    const ids: string[] = [];
    for (const f of files.slice(0, -1)) ids.push(uploadState.parse((await start("provider", f)).json()).id);
    const refused = await start("provider", files[files.length - 1]);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe("rate_limited");
    await put("provider", ids[0], files[0], 0, files[0].length);
    expect((await start("provider", files[files.length - 1])).statusCode).toBe(201);
  });

  it("a partial file lost from the disk sends the phone back to 0 (409), not into a wasted upload", async () => {
    const file = photo("j", 20_000);
    const s = uploadState.parse((await start("worker", file)).json());
    await put("worker", s.id, file, 0, 10_000);
    fs.rmSync(path.join(uploadsDir(ctx.deps.config.dataDir), `${s.id}.part`));
    const lost = await put("worker", s.id, file, 10_000, file.length);
    expect(lost.statusCode).toBe(409);
    expect(lost.json()).toMatchObject({ code: "upload_offset_mismatch", details: { offset: 0 } });
    expect((await put("worker", s.id, file, 0, file.length)).json()).toMatchObject({
      evidenceId: expect.any(String),
    });
  });

  it("another user's upload is 404, read or written", async () => {
    const file = photo("g", 10_000);
    const s = uploadState.parse((await start("worker", file)).json());
    expect((await status("committee", s.id)).statusCode).toBe(404);
    expect((await put("committee", s.id, file, 0, file.length)).statusCode).toBe(404);
    expect((await status("worker", s.id)).json()).toMatchObject({ offset: 0 });
    expect((await status("auditor", s.id)).statusCode).toBe(403);
  });

  it("the job runner removes sessions not touched for a day, with their partial files", async () => {
    const file = photo("h", 30_000);
    const s = uploadState.parse((await start("worker", file)).json());
    await put("worker", s.id, file, 0, 10_000);
    const part = path.join(uploadsDir(ctx.deps.config.dataDir), `${s.id}.part`);
    expect(fs.existsSync(part)).toBe(true);
    ctx.deps.clock.advance({ hours: 23 });
    await purgeStaleUploads(ctx.deps);
    expect((await status("worker", s.id)).statusCode).toBe(200);
    ctx.deps.clock.advance({ hours: 2 });
    const runner = startJobRunner(ctx.deps, { sms: null, intervalMs: 3_600_000, deliveryPollMs: 0 });
    const pass = await runner.runOnce();
    await runner.stop();
    expect(pass.uploadsPurged).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(part)).toBe(false);
    expect((await status("worker", s.id)).statusCode).toBe(404);
  });
});
