/**
 * Administrative region codes (统计用区划代码) are prefix-hierarchical:
 * province 2 digits, city 4, county 6, township 9, village 12. A grid code adds a 3-digit sequence (15).
 * Codes are kept in their short significant form; `toStatCode` pads to the 12-digit statistical form.
 */
export type RegionLevel = "province" | "city" | "county" | "township" | "village";

export const levelByLength: Record<number, RegionLevel> = {
  2: "province",
  4: "city",
  6: "county",
  9: "township",
  12: "village",
};
export const lengthByLevel: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};
export const regionLevels: RegionLevel[] = ["province", "city", "county", "township", "village"];

export const regionLevelLabel: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: "省", en: "Province" },
  city: { zh: "市州", en: "City" },
  county: { zh: "县区", en: "County" },
  township: { zh: "乡镇/街道", en: "Township" },
  village: { zh: "村/社区", en: "Village" },
};

const codePattern = /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/;

/** True when `code` has the shape of a region code at one of the five levels. */
export function isRegionCode(code: string): boolean {
  return codePattern.test(code) && code !== "00";
}

export function regionLevel(code: string): RegionLevel {
  const level = levelByLength[code.length];
  if (!level || !isRegionCode(code)) throw new Error(`not a region code: ${code}`);
  return level;
}

/** The parent region's code, or null for a province. */
export function parentCode(code: string): string | null {
  switch (code.length) {
    case 4:
      return code.slice(0, 2);
    case 6:
      return code.slice(0, 4);
    case 9:
      return code.slice(0, 6);
    case 12:
      return code.slice(0, 9);
    case 15:
      return code.slice(0, 12);
    default:
      return null;
  }
}

/** Codes of this region and all its ancestors, province first. */
export function ancestry(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) out.unshift(c);
  return out;
}

/** True when region (or grid, or any scoped code) `code` lies within the region `prefix`. */
export function within(prefix: string, code: string): boolean {
  return code.startsWith(prefix);
}

/** Pads a short code to the 12-digit statistical form (620102 -> 620102000000). */
export function toStatCode(code: string): string {
  return code.padEnd(12, "0");
}

/** Parses a statistical code of any length (e.g. 620102000000) back to its short significant form. */
export function fromStatCode(code: string): string {
  if (!/^\d{12}$/.test(code)) return code;
  if (code.endsWith("0000000000")) return code.slice(0, 2);
  if (code.endsWith("00000000")) return code.slice(0, 4);
  if (code.endsWith("000000")) return code.slice(0, 6);
  if (code.endsWith("000")) return code.slice(0, 9);
  return code;
}
