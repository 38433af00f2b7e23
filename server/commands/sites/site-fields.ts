import { AppError } from "../../../domain/errors";
import { type Crs, checkInProvince, toWgs84 } from "../../../domain/geo/coordinates";
import { isIndustryCode } from "../../../domain/site/industry";
import { checkUscc } from "../../../domain/site/uscc";

/** One problem with one field of a site, as both the API and the import report it. */
export interface FieldProblem {
  field: "uscc" | "industryCode" | "coordinates" | "regionCode" | "name" | "kind";
  code: string;
  zh: string;
  en: string;
  details?: Record<string, unknown>;
}

const apiStatus: Record<string, number> = { duplicate_uscc: 409 };
const apiCode: Record<string, string> = {
  swapped_coordinates: "invalid_coordinates",
  outside_province: "invalid_coordinates",
  out_of_range: "invalid_coordinates",
  invalid_number: "invalid_coordinates",
  incomplete_coordinates: "invalid_coordinates",
};

/** The API answer for a field problem: a stable code, the message, and what exactly was wrong. */
export function fieldError(p: FieldProblem): AppError {
  const code = apiCode[p.code] ?? p.code;
  return new AppError(code, {
    zh: p.zh,
    en: p.en,
    status: apiStatus[p.code] ?? (code === "required" ? 422 : 422),
    details: { field: p.field, problem: p.code, ...p.details },
  });
}

/** Checks a USCC; null when absent or valid. Never normalises silently: a lowercase code is refused with a suggestion. */
export function usccProblem(uscc: string | null | undefined): FieldProblem | null {
  if (uscc === null || uscc === undefined || uscc === "") return null;
  const r = checkUscc(uscc);
  if (r.ok) return null;
  return {
    field: "uscc",
    code: "invalid_uscc",
    zh: r.zh,
    en: r.en,
    details: { problem: r.problem, position: r.position, suggestion: r.suggestion },
  };
}

/** A site's industry is a 2–4 digit GB/T 4754-2017 code whose division exists. */
export function industryProblem(code: string | null | undefined): FieldProblem | null {
  if (code === null || code === undefined || code === "") return null;
  if (/^\d{2,4}$/.test(code) && isIndustryCode(code)) return null;
  return {
    field: "industryCode",
    code: "invalid_industry_code",
    zh: `行业代码“${code}”不是有效的国民经济行业分类（GB/T 4754-2017）代码`,
    en: `"${code}" is not a GB/T 4754-2017 industry code`,
  };
}

/**
 * Converts a location to WGS84 and checks it lies in the province (swapped longitude/latitude reported with
 * the swapped point as suggestion). Both or neither of lon/lat must be given.
 */
export function checkLocation(
  lon: number | null | undefined,
  lat: number | null | undefined,
  crs: Crs,
): { ok: true; lon: number | null; lat: number | null } | { ok: false; problem: FieldProblem } {
  const hasLon = lon !== null && lon !== undefined;
  const hasLat = lat !== null && lat !== undefined;
  if (!hasLon && !hasLat) return { ok: true, lon: null, lat: null };
  if (!hasLon || !hasLat)
    return {
      ok: false,
      problem: {
        field: "coordinates",
        code: "incomplete_coordinates",
        zh: "经度和纬度须同时填写",
        en: "Give both longitude and latitude",
      },
    };
  const check = checkInProvince(lon, lat);
  if (!check.ok) {
    const code =
      check.problem === "swapped"
        ? "swapped_coordinates"
        : check.problem === "not_a_number"
          ? "invalid_number"
          : check.problem;
    return {
      ok: false,
      problem: {
        field: "coordinates",
        code,
        zh: check.zh,
        en: check.en,
        details: check.suggestion ? { suggestion: check.suggestion } : {},
      },
    };
  }
  const [x, y] = toWgs84(lon, lat, crs);
  return { ok: true, lon: Math.round(x * 1e7) / 1e7, lat: Math.round(y * 1e7) / 1e7 };
}

export const requiresUscc = (kind: string) => kind === "enterprise";

export function missingUscc(kind: string, uscc: string | null | undefined): FieldProblem | null {
  if (!requiresUscc(kind) || uscc?.trim()) return null;
  return {
    field: "uscc",
    code: "required",
    zh: "企业须填写统一社会信用代码",
    en: "An enterprise needs its unified social credit code",
  };
}
