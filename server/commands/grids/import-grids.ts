import { randomUUID } from "node:crypto";
import {
  findGridsByIds,
  insertGrid,
  nextGridSequence,
  takenGridCodes,
} from "../../../db/queries/grid-queries";
import { findRegions } from "../../../db/queries/region-queries";
import { insertEvents } from "../../../db/queries/site-event-queries";
import type { GridTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { type Crs, checkInProvince, toWgs84 } from "../../../domain/geo/coordinates";
import type { Areal, Position } from "../../../domain/geo/geometry";
import { polygonsOf } from "../../../domain/geo/geometry";
import type { GeometryProblem } from "../../../domain/geo/geometry-problem";
import { findOverlaps, validateGridGeometry } from "../../../domain/geo/validate-geometry";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import {
  type GridImportMapping,
  type GridKind,
  gridKinds,
  type ImportMode,
} from "../../../domain/schemas/grid-schemas";
import type { Deps } from "../../deps";
import type { RowError } from "../sites/site-import-row";
import type { GridLayerFile } from "./grid-file";
import { geometryWarnings } from "./grid-geometry";
import { gridLayer } from "./grid-layer";
import { gridRow, pad12 } from "./save-grid";

const kindWords: [RegExp, GridKind][] = [
  [/工业|园区|产业/, "industrial_park"],
  [/商贸|商业|市场/, "commercial_zone"],
  [/乡|镇|街道/, "township"],
  [/村|社区|居/, "village"],
  [/其他/, "other"],
];
const parseKind = (v: unknown): GridKind | null => {
  const s = String(v ?? "").trim();
  if ((gridKinds as readonly string[]).includes(s)) return s as GridKind;
  return kindWords.find(([re]) => re.test(s))?.[1] ?? null;
};

function convert(geom: Areal, crs: Crs): Areal {
  if (crs === "WGS84") return geom;
  const parts = polygonsOf(geom).map((poly) =>
    poly.map((ring) => ring.map(([x, y]) => toWgs84(x, y, crs) as Position)),
  );
  return geom.type === "Polygon"
    ? { type: "Polygon", coordinates: parts[0] }
    : { type: "MultiPolygon", coordinates: parts };
}

export interface GridImportOptions {
  mapping: GridImportMapping;
  regionCode?: string;
  defaultKind: GridKind;
  mode: ImportMode;
  crs: Crs;
}

/**
 * Imports an existing grid layer (R6: 综治 grids): every feature is checked — polygon geometry valid
 * (self-intersections, rings, holes, reported with their location), name present, kind known, region a known
 * township or village in the actor's jurisdiction, code (when mapped) well-formed and free — then the good
 * ones are created (all, or none in all_or_nothing mode). Overlaps with other grids come back as warnings.
 */
/**
 * Coordinates given as latitude,longitude: the first vertex is outside the valid range or the province, and
 * swapped it lies inside. Said as the site import says it, with the point as it should be.
 */
function swappedHint(geom: Areal): { zh: string; en: string } | null {
  const first = polygonsOf(geom)[0]?.[0]?.[0];
  if (!first || !Number.isFinite(first[0]) || !Number.isFinite(first[1])) return null;
  const [a, b] = first;
  const check = checkInProvince(a, b);
  if (check.ok || check.problem !== "swapped") return null;
  return {
    zh: `坐标超出有效范围：经纬度可能颠倒（${a}, ${b}）应为（${b}, ${a}），请按“经度,纬度”的顺序提供坐标`,
    en: `Coordinates out of range: longitude and latitude may be swapped, (${a}, ${b}) should be (${b}, ${a})`,
  };
}

export async function importGrids(
  deps: Deps,
  actor: Actor,
  layer: GridLayerFile,
  o: GridImportOptions,
  en = false,
) {
  const errors: RowError[] = [];
  const err = (row: number, column: string | null, code: string, zh: string, english: string) =>
    errors.push({ row, column, code, message: en ? english : zh });
  const prop = (f: { properties: Record<string, unknown> }, field?: string) => {
    const v = field ? f.properties[field] : undefined;
    return v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim();
  };
  const regionCodes = new Set<string>();
  for (const f of layer.features) {
    const r = prop(f, o.mapping.regionCode) ?? o.regionCode;
    if (r) regionCodes.add(r);
  }
  const known = new Set((await findRegions(deps.db, [...regionCodes])).map((r) => r.code));
  const wanted = layer.features.map((f) => prop(f, o.mapping.code)).filter((c): c is string => !!c);
  const taken = await takenGridCodes(deps.db, wanted);
  const good: {
    row: number;
    regionCode: string;
    code: string | null;
    name: string;
    kind: GridKind;
    villages: string[];
    geometry: Areal;
  }[] = [];
  layer.features.forEach((f, i) => {
    const row = i + 1;
    const before = errors.length;
    if (!f.geometry)
      err(
        row,
        "geometry",
        "invalid_geometry_type",
        `第 ${row} 个要素不是面（${f.type}）`,
        `Feature ${row} is not a polygon (${f.type})`,
      );
    const swapped = f.geometry ? swappedHint(f.geometry) : null;
    if (swapped) err(row, "geometry", "swapped_coordinates", swapped.zh, swapped.en);
    const geometry = f.geometry && !swapped ? convert(f.geometry, o.crs) : null;
    const problems: GeometryProblem[] = geometry ? validateGridGeometry(geometry) : [];
    for (const p of problems) err(row, "geometry", p.code, p.zh, p.en);
    const name = prop(f, o.mapping.name);
    if (!name) err(row, o.mapping.name, "required", "网格名称为空", "The name is empty");
    const kindRaw = prop(f, o.mapping.kind);
    const kind = kindRaw ? parseKind(kindRaw) : o.defaultKind;
    if (!kind)
      err(
        row,
        o.mapping.kind ?? null,
        "invalid_kind",
        `网格类型“${kindRaw}”无法识别`,
        `Unknown grid kind "${kindRaw}"`,
      );
    const regionCode = prop(f, o.mapping.regionCode) ?? o.regionCode ?? null;
    if (!regionCode || !known.has(regionCode) || (regionCode.length !== 9 && regionCode.length !== 12))
      err(
        row,
        o.mapping.regionCode ?? "regionCode",
        "invalid_region_code",
        `所属乡镇/村代码“${regionCode ?? ""}”无效`,
        `Region "${regionCode ?? ""}" is not a known township or village`,
      );
    else if (!gridPolicy.create(actor, regionCode))
      err(
        row,
        o.mapping.regionCode ?? "regionCode",
        "region_out_of_scope",
        `区划 ${regionCode} 不在您的管辖范围内`,
        `Region ${regionCode} is outside your jurisdiction`,
      );
    const code = prop(f, o.mapping.code);
    if (
      code &&
      regionCode &&
      (!/^\d{15}$/.test(code) || !code.startsWith(pad12(regionCode)) || code.endsWith("000"))
    )
      err(
        row,
        o.mapping.code ?? null,
        "invalid_code",
        `网格编码“${code}”应为 ${pad12(regionCode)} 加 3 位序号`,
        `Grid code "${code}" must be ${pad12(regionCode)} plus a 3-digit sequence`,
      );
    else if (code && (taken.has(code) || good.some((g) => g.code === code)))
      err(
        row,
        o.mapping.code ?? null,
        "duplicate_code",
        `网格编码 ${code} 重复`,
        `Grid code ${code} is taken`,
      );
    const villageText = prop(f, o.mapping.villageCodes);
    const villages = villageText
      ? villageText.split(/[,，、;；\s]+/).filter(Boolean)
      : regionCode?.length === 12
        ? [regionCode]
        : [];
    const wrongVillage = villages.find(
      (v) => !/^\d{12}$/.test(v) || (regionCode && !v.startsWith(regionCode.slice(0, 9))),
    );
    if (wrongVillage)
      err(
        row,
        o.mapping.villageCodes ?? null,
        "invalid_village",
        `村/社区代码 ${wrongVillage} 无效或不属于该乡镇`,
        `Village ${wrongVillage} is invalid or outside the township`,
      );
    if (errors.length === before && geometry && name && kind && regionCode)
      good.push({ row, regionCode, code, name, kind, villages, geometry });
  });
  const badRows = new Set(errors.map((e) => e.row)).size;
  const keep = o.mode === "keep_good" || badRows === 0;
  const base = { mode: o.mode, features: layer.features.length, rejected: badRows, errors };
  // grids of this file overlapping each other (the layer's own check only sees grids already saved)
  const inFile = findOverlaps(
    good.map((g) => ({ code: g.code ?? `第 ${g.row} 个要素“${g.name}”`, geometry: g.geometry })),
  ).map((p) => ({ ...p, zh: `文件内${p.zh}`, en: `In the file: ${p.en}` }));
  if (!keep || good.length === 0) return { ...base, imported: 0, warnings: inFile, grids: [] };
  const now = deps.clock.now();
  const ids: string[] = [];
  const warnings: GeometryProblem[] = [...inFile];
  const gl = await gridLayer(deps.db);
  await deps.db.transaction().execute(async (tx) => {
    const rows: GridTable[] = [];
    for (const g of good) {
      const code =
        g.code ??
        `${pad12(g.regionCode)}${String(Math.max(await nextGridSequence(tx, pad12(g.regionCode)), ...rows.filter((r) => r.code.startsWith(pad12(g.regionCode))).map((r) => Number(r.code.slice(12)) + 1))).padStart(3, "0")}`;
      const row = gridRow(
        randomUUID(),
        code,
        {
          regionCode: g.regionCode,
          name: g.name,
          kind: g.kind,
          villageCodes: g.villages,
          geometry: g.geometry,
          officer: null,
          leader: null,
          source: "imported",
        },
        now.toISOString(),
      );
      await insertGrid(tx, row);
      rows.push(row);
      ids.push(row.id);
    }
    for (const r of rows)
      warnings.push(...(await geometryWarnings(tx, gl, r.code, JSON.parse(r.geojson) as Areal, [], actor)));
    await insertEvents(
      tx,
      actor,
      rows.map((r, i) => ({
        action: "grid.imported",
        subjectType: "grid",
        subjectId: r.id,
        regionCode: r.code,
        data: { code: r.code, name: r.name, kind: r.kind, feature: good[i].row, format: "layer" },
      })),
      now,
    );
  });
  return { ...base, imported: ids.length, warnings, grids: await findGridsByIds(deps.db, ids) };
}
