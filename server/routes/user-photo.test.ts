import { execFileSync } from "node:child_process";
import zlib from "node:zlib";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { testPassword } from "../test/fixtures";
import { pdfText, printOut } from "../test/pdf-tools";
import { as, multipart, pdfBytes, useTempDataDir } from "./case-test-kit";
import { createFixtureGrids } from "./grid-test-fixtures";

function crc32(buf: Buffer) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const secret = "GPS-35.8457-SecretCamera";
/** A real 24×32 RGB PNG (blue) carrying a text chunk the upload must strip. */
function png(): Buffer {
  const w = 24;
  const h = 32;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([30, 80, 200], y * (1 + w * 3) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("tEXt", Buffer.from(`Comment\0${secret}`, "latin1")),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The images pdfimages finds in a PDF (one line each). */
function pdfImages(pdf: Buffer, name: string): string[] {
  pdfText(pdf, name); // saves it under test-results/print/
  const out = execFileSync("pdfimages", ["-list", `${printOut}/${name}.pdf`], { encoding: "utf8" });
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() && / image /.test(l));
}

eachApi("grid worker ID photo on the duty card (R10)", (ctx) => {
  useTempDataDir(ctx);
  const ids: Record<string, string> = {};
  const putPhoto = (user: string, id: string, data: Buffer, name = "证件照.png") =>
    as(ctx, user, { method: "PUT", url: `/api/v1/users/${id}/photo`, ...multipart([{ name, data }]) });
  const evidenceCount = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom("evidence")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const grids = await createFixtureGrids(ctx);
    for (const [username, displayName] of [
      ["gw_photo", "孙有照片"],
      ["gw_nophoto", "李无照片"],
    ] as const) {
      const res = await ctx.as("admin", {
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username,
          displayName,
          role: "grid_worker",
          scope: ["620123100001"],
          password: testPassword,
        },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      ids[username] = res.json().id;
    }
    const res = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: {
        workers: [
          { userId: ids.gw_photo, employment: "full_time" },
          { userId: ids.gw_nophoto, employment: "part_time" },
        ],
      },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  });

  it("refuses a wrong type or an oversized photo with a Chinese message, storing nothing", async () => {
    const before = await evidenceCount();
    const pdf = await putPhoto("county", ids.gw_photo, pdfBytes, "照片.pdf");
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json()).toMatchObject({ code: "photo_rejected" });
    expect(pdf.json().message).toContain("JPEG 或 PNG");
    const big = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const tooBig = await putPhoto("county", ids.gw_photo, big);
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json()).toMatchObject({ code: "photo_too_large" });
    expect(tooBig.json().message).toContain("2 MB");
    const broken = Buffer.concat([png().subarray(0, 40)]);
    const corrupt = await putPhoto("county", ids.gw_photo, broken);
    expect(corrupt.statusCode).toBe(422);
    expect(await evidenceCount()).toBe(before);
    const user = await ctx.as("county", { method: "GET", url: `/api/v1/users/${ids.gw_photo}` });
    expect(user.json().hasPhoto).toBe(false);
  });

  it("a grid worker may not set their own photo; a non-grid-worker has none", async () => {
    const self = await putPhoto("worker", ctx.users.worker.id, png());
    expect([403, 404]).toContain(self.statusCode);
    const lead = await putPhoto("county", ctx.users.lead.id, png());
    expect(lead.statusCode).toBe(422);
    expect(lead.json().code).toBe("photo_not_grid_worker");
  });

  it("puts an uploaded photo (metadata stripped) on the card; a worker without one gets an empty frame", async () => {
    const up = await putPhoto("county", ids.gw_photo, png());
    expect(up.statusCode).toBe(200);
    expect(up.json().mimeType).toBe("image/png");
    const shown = await ctx.as("county", { method: "GET", url: `/api/v1/users/${ids.gw_photo}/photo` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["content-type"]).toBe("image/png");
    expect(shown.rawPayload.includes(Buffer.from(secret))).toBe(false);
    expect(
      (await ctx.as("county", { method: "GET", url: `/api/v1/users/${ids.gw_photo}` })).json().hasPhoto,
    ).toBe(true);

    const withPhoto = await ctx.as("county", {
      method: "GET",
      url: `/api/v1/duty-cards/${ids.gw_photo}/pdf`,
    });
    expect(withPhoto.statusCode).toBe(200);
    expect(pdfImages(withPhoto.rawPayload, `photo-card-${ctx.dialect}`)).toHaveLength(1);
    const without = await ctx.as("county", {
      method: "GET",
      url: `/api/v1/duty-cards/${ids.gw_nophoto}/pdf`,
    });
    expect(without.statusCode).toBe(200);
    expect(pdfImages(without.rawPayload, `nophoto-card-${ctx.dialect}`)).toHaveLength(0);

    const batch = await ctx.as("county", { method: "GET", url: "/api/v1/duty-cards/pdf?region=620123100" });
    expect(batch.statusCode).toBe(200);
    const missing = decodeURIComponent(String(batch.headers["x-without-photo-names"]));
    expect(missing).toContain("李无照片");
    expect(missing).not.toContain("孙有照片");
    expect(Number(batch.headers["x-without-photo"])).toBeGreaterThanOrEqual(1);
    const text = pdfText(batch.rawPayload, `photo-batch-${ctx.dialect}`);
    expect(text).toContain("无照片的明白卡");
    expect(pdfImages(batch.rawPayload, `photo-batch-${ctx.dialect}`)).toHaveLength(1);

    const removed = await ctx.as("county", { method: "DELETE", url: `/api/v1/users/${ids.gw_photo}/photo` });
    expect(removed.statusCode).toBe(204);
    const after = await ctx.as("county", { method: "GET", url: `/api/v1/duty-cards/${ids.gw_photo}/pdf` });
    expect(pdfImages(after.rawPayload, `photo-removed-${ctx.dialect}`)).toHaveLength(0);
  });
});
