import type { Tx } from "../../../db/db";
import { findRegions } from "../../../db/queries/region-queries";
import { AppError } from "../../../domain/errors";

/** The narrowest region code that covers every prefix of a scope (their longest common region prefix). */
export function scopeRegion(scope: string[]): string {
  const lengths = [12, 9, 6, 4, 2];
  for (const len of lengths) {
    const heads = new Set(scope.map((s) => s.slice(0, len)));
    if (heads.size === 1 && scope.every((s) => s.length >= len)) return [...heads][0];
  }
  return scope[0].slice(0, 2);
}

/** Every scope prefix must be a region that exists. */
export async function assertRegionsExist(db: Tx, codes: string[]) {
  const found = new Set((await findRegions(db, codes)).map((r) => r.code));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length)
    throw new AppError("invalid_region_code", {
      zh: `行政区划不存在：${missing.join("、")}`,
      en: `Unknown region: ${missing.join(", ")}`,
      details: { missing },
    });
}
