import { readFile } from "node:fs/promises";
import { AppError } from "../../../domain/errors";
import type { Areal } from "../../../domain/geo/geometry";
import { readDbf, readShp, ShapefileError } from "./shapefile";
import { NotAZipError, readZipEntry, zipEntries } from "./zip-entries";

export interface LayerFeature {
  properties: Record<string, unknown>;
  geometry: Areal | null;
  /** The geometry type as found (to report lines or points in a polygon import). */
  type: string;
}

export interface GridLayerFile {
  format: "geojson" | "shapefile";
  features: LayerFeature[];
  fields: string[];
  crs: string | null;
}

const refuse = (zh: string, en: string) => new AppError("unsupported_file", { status: 422, zh, en });
const projected = () =>
  refuse(
    "图层为投影坐标（如 CGCS2000 高斯-克吕格），请在 GIS 软件中导出为经纬度坐标（CGCS2000 或 WGS84）后再导入",
    "The layer uses projected coordinates; export it as longitude/latitude (CGCS2000 or WGS84) and import again",
  );

function fromGeoJson(text: string): GridLayerFile {
  let doc: {
    type?: string;
    features?: unknown[];
    geometry?: unknown;
    crs?: { properties?: { name?: string } };
  };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw refuse("文件不是有效的 GeoJSON", "Not valid GeoJSON");
  }
  const raw =
    doc.type === "FeatureCollection"
      ? (doc.features ?? [])
      : doc.type === "Feature"
        ? [doc]
        : doc.type
          ? [{ type: "Feature", properties: {}, geometry: doc }]
          : [];
  if (raw.length === 0) throw refuse("GeoJSON 中没有要素", "The GeoJSON has no features");
  const features = raw.map((f) => {
    const feat = f as { properties?: Record<string, unknown> | null; geometry?: { type?: string } | null };
    const type = feat.geometry?.type ?? "null";
    const geometry = type === "Polygon" || type === "MultiPolygon" ? (feat.geometry as Areal) : null;
    return { properties: feat.properties ?? {}, geometry, type };
  });
  const fields = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const crs = doc.crs?.properties?.name ?? null;
  if (crs && /3857|900913|45[0-9]{2}|2383|2435|2436/.test(crs) && !/4490|4326|CRS84/.test(crs))
    throw projected();
  return { format: "geojson", features, fields, crs };
}

async function fromZip(file: string): Promise<GridLayerFile> {
  const entries = await zipEntries(file);
  const shp = entries.find((e) => /\.shp$/i.test(e.name) && !e.name.startsWith("__MACOSX"));
  if (!shp) throw refuse("压缩包中没有 .shp 文件", "The archive has no .shp file");
  const base = shp.name.replace(/\.shp$/i, "");
  const sibling = (ext: string) =>
    entries.find((e) => e.name.toLowerCase() === `${base}.${ext}`.toLowerCase());
  const dbf = sibling("dbf");
  if (!dbf)
    throw refuse("压缩包中缺少与 .shp 同名的 .dbf 属性文件", "The archive lacks the .dbf next to the .shp");
  const prjEntry = sibling("prj");
  const cpgEntry = sibling("cpg");
  const prj = prjEntry ? (await readZipEntry(file, prjEntry)).toString("utf8") : null;
  if (prj && /^\s*PROJCS/i.test(prj)) throw projected();
  const cpg = cpgEntry ? (await readZipEntry(file, cpgEntry)).toString("utf8") : null;
  try {
    const shapes = readShp(await readZipEntry(file, shp));
    const { fields, records } = readDbf(await readZipEntry(file, dbf), cpg);
    const features = shapes.map((geometry, i) => ({
      properties: records[i] ?? {},
      geometry,
      type: geometry ? geometry.type : "null",
    }));
    const crs = prj ? (/GEOGCS\["([^"]+)"/.exec(prj)?.[1] ?? "GEOGCS") : null;
    return { format: "shapefile", features, fields, crs };
  } catch (e) {
    if (e instanceof ShapefileError)
      throw refuse(`Shapefile 无法读取：${e.message}`, `Cannot read the shapefile: ${e.message}`);
    throw e;
  }
}

/** Reads a grid layer: a GeoJSON file, or a zipped Shapefile (.shp + .dbf, with .prj and .cpg if present). */
export async function readGridFile(file: string, filename: string): Promise<GridLayerFile> {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".zip"))
    try {
      return await fromZip(file);
    } catch (e) {
      if (e instanceof NotAZipError) throw refuse("文件不是有效的 .zip 压缩包", "Not a valid .zip archive");
      throw e;
    }
  if (lower.endsWith(".geojson") || lower.endsWith(".json")) return fromGeoJson(await readFile(file, "utf8"));
  throw new AppError("unsupported_file", {
    status: 415,
    zh: "只支持 GeoJSON（.geojson/.json）或压缩的 Shapefile（.zip）",
    en: "Only GeoJSON or a zipped Shapefile",
  });
}
