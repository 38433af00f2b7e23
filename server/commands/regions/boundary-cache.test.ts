import { expect, it } from "vitest";
import { upsertBoundary } from "../../../db/queries/region-queries";
import { eachDialect } from "../../../db/test-db";
import { type Areal, boxPolygon } from "../../../domain/geo/geometry";
import { inBoundary, provinceCounties, storedBoundary } from "./boundary-cache";

const square = boxPolygon;
const feature = (code: string, geometry: Areal) =>
  JSON.stringify({ type: "Feature", id: code, properties: { code, name: code }, geometry });

eachDialect("stored boundaries, parsed once per version", (ctx) => {
  const save = (code: string, geometry: Areal, updatedAt: string, source = "test") =>
    upsertBoundary(ctx.database.db, { code, geojson: feature(code, geometry), source, updatedAt });

  it("answers null when none of the codes has a boundary", async () => {
    expect(await storedBoundary(ctx.database.db, ["629901", "6299", "62"])).toBeNull();
  });

  it("parses a boundary once and answers the same parse while it is unchanged", async () => {
    await save("629901", square(104, 35, 105, 36), "2026-12-01T00:00:00.000Z");
    const first = await storedBoundary(ctx.database.db, ["629901"]);
    expect(first?.code).toBe("629901");
    expect(first?.box).toEqual([104, 35, 105, 36]);
    expect(inBoundary(first!, 104.5, 35.5)).toBe(true);
    expect(inBoundary(first!, 110.5, 35.5)).toBe(false);
    expect(await storedBoundary(ctx.database.db, ["629901"])).toBe(first);
  });

  it("reads and parses a replaced boundary again (new updated_at, or a new source)", async () => {
    const before = await storedBoundary(ctx.database.db, ["629901"]);
    await save("629901", square(110, 35, 111, 36), "2026-12-02T00:00:00.000Z");
    const moved = await storedBoundary(ctx.database.db, ["629901"]);
    expect(moved).not.toBe(before);
    expect(inBoundary(moved!, 104.5, 35.5)).toBe(false);
    expect(inBoundary(moved!, 110.5, 35.5)).toBe(true);
    // written again within the same instant by another import: its source tells the versions apart
    await save("629901", square(120, 35, 121, 36), "2026-12-02T00:00:00.000Z", "另一来源");
    const again = await storedBoundary(ctx.database.db, ["629901"]);
    expect(inBoundary(again!, 110.5, 35.5)).toBe(false);
    expect(inBoundary(again!, 120.5, 35.5)).toBe(true);
  });

  it("takes the first code in the order given that has a boundary, inside a transaction too", async () => {
    await save("6299", square(100, 30, 101, 31), "2026-12-01T00:00:00.000Z");
    expect((await storedBoundary(ctx.database.db, ["629902", "6299", "629901"]))?.code).toBe("6299");
    const inTx = await ctx.database.db
      .transaction()
      .execute(async (tx) => [
        await storedBoundary(tx, ["629901", "6299"]),
        await storedBoundary(tx, ["629901", "6299"]),
      ]);
    expect(inTx.map((b) => b?.code)).toEqual(["629901", "629901"]);
  });
});

it("parses the committed county polygons of a province once, with their boxes", async () => {
  const [a, b] = await Promise.all([provinceCounties("62"), provinceCounties("62")]);
  expect(a).toBe(b);
  const yuzhong = a.find((c) => c.code === "620123")!;
  expect(inBoundary(yuzhong, 104.1146, 35.8457)).toBe(true);
  expect(inBoundary(yuzhong, 116.39, 39.9)).toBe(false);
  expect(await provinceCounties("99")).toEqual([]);
});
