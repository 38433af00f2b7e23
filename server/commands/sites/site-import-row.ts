import type { Crs } from "../../../domain/geo/coordinates";
import type { RowError } from "../../../domain/schemas/site-schemas";
import { contactPhoneSchema } from "../../../domain/schemas/site-schemas";
import type { SiteKind } from "../../../domain/site/site-kinds";
import type { SiteFields } from "./create-site";
import { checkLocation, type FieldProblem, industryProblem, missingUscc, usccProblem } from "./site-fields";
import {
  columnName,
  type ImportField,
  parseKind,
  parseOwnership,
  parseRisk,
  parseScale,
  parseStatus,
} from "./site-import-columns";

export type Cell = string | number | boolean | null;
export type { RowError };

export type ParsedRow = Omit<SiteFields, "regionCode"> & { regionCode: string | null };

/** What a row needs beyond its cells: constants for absent columns, the industry resolver, kind inference. */
export interface RowContext {
  /** Values for fields the file lacks or leaves empty (类型 = 企业 for the whole file). */
  constants: Partial<Record<ImportField, string>>;
  /** A 行业类别 cell to a code (null: empty or mapped to nothing), or the text nobody could match. */
  industry: (text: string) => { code: string | null; kind: SiteKind | null } | { unmatched: string };
}

const text = (v: Cell): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
};

/** Excel stores 0111 as the number 111: restore leading zeros of industry codes where that makes a valid code. */
export function industryText(v: Cell): string | null {
  const s = text(v);
  if (s === null || typeof v !== "number") return s;
  for (const candidate of [s, s.padStart(2, "0"), s.padStart(4, "0")])
    if (!industryProblem(candidate)) return candidate;
  return s;
}

const number = (v: Cell): number | null | "bad" => {
  const s = text(v);
  if (s === null) return null;
  const n = typeof v === "number" ? v : Number(s.replace(/[°，,]/g, ""));
  return Number.isFinite(n) ? n : "bad";
};

/**
 * Parses one data row into site fields, reporting every problem of the row (not only the first) with the
 * column it is in. Region codes are checked by the caller (they need the database).
 */
export function parseImportRow(
  rowNumber: number,
  cells: Cell[],
  columns: Map<ImportField, number>,
  headerOf: (f: ImportField | "coordinates") => string,
  crs: Crs,
  en = false,
  ctx: RowContext = { constants: {}, industry: (code) => ({ code, kind: null }) },
): { ok: true; row: ParsedRow } | { ok: false; errors: RowError[] } | { ok: "unmatched"; industry: string } {
  const errors: RowError[] = [];
  const cell = (f: ImportField): Cell => {
    const i = columns.get(f);
    const v = i === undefined ? null : (cells[i] ?? null);
    return text(v) === null ? (ctx.constants[f] ?? null) : v;
  };
  // 行业类别: a code, else text matched through the synonyms (and the user's answers for the rest)
  const industryRaw = industryText(cell("industryCode"));
  let industryCode: string | null = industryRaw;
  let impliedKind: SiteKind | null = null;
  if (industryRaw !== null && industryProblem(industryRaw) && !/^[\dA-Za-z]{1,8}$/.test(industryRaw)) {
    const r = ctx.industry(industryRaw);
    if ("unmatched" in r) return { ok: "unmatched", industry: r.unmatched };
    industryCode = r.code;
    impliedKind = r.kind;
  } else if (industryRaw !== null) {
    const r = ctx.industry(industryRaw);
    impliedKind = "unmatched" in r ? null : r.kind;
  }
  const fail = (f: ImportField | "coordinates", code: string, zh: string, english: string) =>
    errors.push({ row: rowNumber, column: headerOf(f), code, message: en ? english : zh });
  const problem = (f: ImportField | "coordinates", p: FieldProblem | null) => {
    if (p) fail(f, p.code, p.zh, p.en);
  };
  const name = text(cell("name"));
  if (!name) fail("name", "required", "名称不能为空", "Name is required");
  else if (name.length > 100)
    fail("name", "too_long", "名称超过 100 个字", "Name longer than 100 characters");
  const kindText = text(cell("kind"));
  const usccText = text(cell("uscc"));
  // no 类型 in the file: the kind the industry implies without doubt, else an enterprise by its USCC (91…)
  const inferred = kindText ? null : (impliedKind ?? (usccText?.startsWith("91") ? "enterprise" : null));
  const kind = kindText ? parseKind(kindText) : inferred;
  if (!kindText && !kind)
    fail(
      "kind",
      "required",
      "类型不能为空（行业无法推断类型：请填写类型，或在导入映射中为“类型”指定固定值）",
      "Kind is required (the industry does not imply one: fill it in or give a constant in the mapping)",
    );
  else if (!kind)
    fail(
      "kind",
      "invalid_kind",
      `类型“${kindText}”无效，应为企业、小商铺、小作坊、小娱乐场所、家庭户或其他`,
      `Unknown kind "${kindText}"`,
    );
  const uscc = text(cell("uscc"));
  problem("uscc", usccProblem(uscc) ?? (kind ? missingUscc(kind, uscc) : null));
  problem("industryCode", industryProblem(industryCode));
  const pick = (f: ImportField, parse: (v: string) => string | null, what: string) => {
    const raw = text(cell(f));
    if (raw === null) return null;
    const v = parse(raw);
    if (v === null) fail(f, "invalid_value", `${columnName(f)}“${raw}”无效`, `Unknown ${what} "${raw}"`);
    return v;
  };
  const scale = pick("scale", parseScale, "scale");
  const ownership = pick("ownership", parseOwnership, "ownership") ?? "other";
  const riskLevel = pick("riskLevel", parseRisk, "risk level");
  const status = pick("status", parseStatus, "status") ?? "operating";
  const regionRaw = text(cell("regionCode"));
  const regionCode = regionRaw ? regionRaw.replace(/\D/g, "") : null;
  if (regionRaw && !/^\d{6}(\d{3}(\d{3})?)?$/.test(regionRaw))
    fail(
      "regionCode",
      "invalid_region_code",
      `行政区划代码“${regionRaw}”格式不正确`,
      `Region code "${regionRaw}" is malformed`,
    );
  const lon = number(cell("lon"));
  const lat = number(cell("lat"));
  let location: { lon: number | null; lat: number | null } = { lon: null, lat: null };
  if (lon === "bad") fail("lon", "invalid_number", "经度不是数字", "Longitude is not a number");
  if (lat === "bad") fail("lat", "invalid_number", "纬度不是数字", "Latitude is not a number");
  if (lon !== "bad" && lat !== "bad") {
    const loc = checkLocation(lon, lat, crs);
    if (loc.ok) location = loc;
    else problem("coordinates", loc.problem);
  }
  const contactPhone = text(cell("contactPhone"));
  if (contactPhone && !contactPhoneSchema.safeParse(contactPhone).success)
    fail(
      "contactPhone",
      "invalid_phone",
      `联系电话“${contactPhone}”格式不正确`,
      `Phone "${contactPhone}" is malformed`,
    );
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    row: {
      name: name!,
      kind: kind!,
      uscc,
      industryCode,
      scale,
      ownership,
      riskLevel,
      flagLarge: null,
      flagHighGrade: null,
      flagHighRisk: null,
      regionCode,
      address: text(cell("address")) ?? "",
      lon: location.lon,
      lat: location.lat,
      contactName: text(cell("contactName")),
      contactPhone,
      legalRepresentative: text(cell("legalRepresentative")),
      status,
    },
  };
}
