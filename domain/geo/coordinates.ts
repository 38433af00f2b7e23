import gcoord from "gcoord";
import type { BBox, Position } from "./geometry";

/**
 * Coordinate systems a site's location may arrive in. The platform stores WGS84 (CGCS2000 agrees with it
 * to centimetres). GCJ02 is the obfuscated system of AMap/Tencent/Google China maps, BD09 Baidu's.
 */
export type Crs = "WGS84" | "GCJ02" | "BD09";
export const crsList: readonly Crs[] = ["WGS84", "GCJ02", "BD09"];

const gcoordCrs = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/**
 * Converts a longitude/latitude in `crs` to WGS84 with `gcoord` (its GCJ02 inverse is iterative, accurate
 * to well under a metre). Outside China GCJ02/BD09 equal WGS84 and are returned unchanged by gcoord.
 */
export function toWgs84(lon: number, lat: number, crs: Crs): Position {
  if (crs === "WGS84") return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoordCrs[crs], gcoord.WGS84);
  return [x, y];
}

/**
 * Gansu's extent in WGS84: 92°13′–108°46′ E, 32°31′–42°57′ N (rounded outwards).
 * A bounding box only: it also covers parts of neighbouring provinces, so it catches gross errors
 * (swapped or mistyped coordinates), not a point just across the provincial border.
 */
export const gansuBbox: BBox = [92.2, 32.5, 108.8, 42.95];

export type CoordinateProblem = "not_a_number" | "out_of_range" | "swapped" | "outside_province";

export type CoordinateCheck =
  | { ok: true }
  | { ok: false; problem: CoordinateProblem; zh: string; en: string; suggestion?: Position };

const inBox = (lon: number, lat: number, b: BBox) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

/**
 * Checks that a WGS84 point is a real coordinate inside the province's bounding box. When the point is
 * outside but swapping longitude and latitude puts it inside, the problem is `swapped` ("经纬度可能颠倒")
 * with the swapped point as `suggestion`; nothing is corrected silently.
 */
export function checkInProvince(lon: number, lat: number, provinceBbox: BBox = gansuBbox): CoordinateCheck {
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return {
      ok: false,
      problem: "not_a_number",
      zh: "经纬度必须是数字",
      en: "Longitude and latitude must be numbers",
    };
  const where = `(${lon}, ${lat})`;
  if (inBox(lon, lat, provinceBbox)) return { ok: true };
  if (inBox(lat, lon, provinceBbox))
    return {
      ok: false,
      problem: "swapped",
      zh: `经纬度可能颠倒：${where} 不在本省范围内，交换后 (${lat}, ${lon}) 在范围内`,
      en: `Longitude and latitude may be swapped: ${where} is outside the province, (${lat}, ${lon}) is inside`,
      suggestion: [lat, lon],
    };
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    return {
      ok: false,
      problem: "out_of_range",
      zh: `坐标 ${where} 超出有效范围（经度 -180~180，纬度 -90~90）`,
      en: `Coordinate ${where} is out of range (longitude -180..180, latitude -90..90)`,
    };
  const [x0, y0, x1, y1] = provinceBbox;
  return {
    ok: false,
    problem: "outside_province",
    zh: `坐标 ${where} 不在本省范围内（经度 ${x0}~${x1}，纬度 ${y0}~${y1}）`,
    en: `Coordinate ${where} is outside the province (longitude ${x0}..${x1}, latitude ${y0}..${y1})`,
  };
}

/** WGS84 to `crs` (to show a stored point in the system the user types in). */
export function fromWgs84(lon: number, lat: number, crs: Crs): Position {
  if (crs === "WGS84") return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoordCrs[crs]);
  return [x, y];
}
