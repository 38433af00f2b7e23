import type { Crs } from "../../../domain/geo/coordinates";
import type { RowError } from "../../../domain/schemas/site-schemas";
import { contactPhoneSchema } from "../../../domain/schemas/site-schemas";
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

const text = (v: Cell): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
};

/** Excel stores 0111 as the number 111: restore leading zeros of industry codes where that makes a valid code. */
function industryText(v: Cell): string | null {
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
): { ok: true; row: ParsedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (f: ImportField): Cell => {
    const i = columns.get(f);
    return i === undefined ? null : (cells[i] ?? null);
  };
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
  const kind = kindText ? parseKind(kindText) : null;
  if (!kindText) fail("kind", "required", "类型不能为空", "Kind is required");
  else if (!kind)
    fail(
      "kind",
      "invalid_kind",
      `类型“${kindText}”无效，应为企业、小商铺、小作坊、小娱乐场所、家庭户或其他`,
      `Unknown kind "${kindText}"`,
    );
  const uscc = text(cell("uscc"));
  problem("uscc", usccProblem(uscc) ?? (kind ? missingUscc(kind, uscc) : null));
  const industryCode = industryText(cell("industryCode"));
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
      status,
    },
  };
}
