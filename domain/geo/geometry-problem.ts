import type { Position } from "./geometry";

/** Stable codes of the problems found by the grid geometry checks (`validate-geometry.ts`). */
export type GeometryProblemCode =
  | "coordinate_out_of_range"
  | "too_few_points"
  | "unclosed_ring"
  | "zero_area"
  | "self_intersection"
  | "rings_intersect"
  | "hole_outside_shell"
  | "parts_overlap"
  | "overlap"
  | "overlap_check_failed"
  | "gap"
  | "outside_boundary";

/** One problem, with where it is. Checks report; they never repair. */
export interface GeometryProblem {
  code: GeometryProblemCode;
  zh: string;
  en: string;
  location: Position;
  /** Polygon (part) and ring index, for problems inside one geometry. */
  part?: number;
  ring?: number;
  /** Grid codes, for problems between grids (overlap) or of one grid (outside_boundary). */
  grids?: string[];
  /** Approximate area in m², for overlaps. */
  areaM2?: number;
}

const messages: Record<GeometryProblemCode, { zh: string; en: string }> = {
  coordinate_out_of_range: {
    zh: "坐标超出有效范围（经度 -180~180，纬度 -90~90）",
    en: "Coordinate out of range (longitude -180..180, latitude -90..90)",
  },
  too_few_points: { zh: "边界环的顶点少于 3 个", en: "Ring has fewer than 3 distinct points" },
  unclosed_ring: {
    zh: "边界环未闭合（首尾坐标不一致）",
    en: "Ring is not closed (first and last positions differ)",
  },
  zero_area: { zh: "边界环面积为零", en: "Ring has zero area" },
  self_intersection: { zh: "边界自相交", en: "Boundary intersects itself" },
  rings_intersect: { zh: "外环与内环（或内环之间）相交", en: "Rings of the polygon cross each other" },
  hole_outside_shell: { zh: "内环（空洞）不在外环之内", en: "Hole lies outside its shell" },
  parts_overlap: { zh: "多面要素的各部分相互重叠", en: "Parts of the multipolygon overlap" },
  overlap: { zh: "网格相互重叠", en: "Grids overlap" },
  overlap_check_failed: {
    zh: "无法计算网格重叠（几何无效，请先修正）",
    en: "Could not compute the overlap (invalid geometry; fix it first)",
  },
  gap: { zh: "存在未被任何网格覆盖的区域", en: "Area not covered by any grid" },
  outside_boundary: { zh: "网格顶点超出上级区划边界", en: "Grid vertex lies outside the boundary" },
};

const fmt = (p: Position) => `(${p.map((v) => (Number.isFinite(v) ? Number(v.toFixed(6)) : v)).join(", ")})`;

/** Builds a problem with its bilingual message; `zhDetail`/`enDetail` are appended before the location. */
export function geometryProblem(
  code: GeometryProblemCode,
  location: Position,
  extra: Omit<GeometryProblem, "code" | "zh" | "en" | "location"> & {
    zhDetail?: string;
    enDetail?: string;
  } = {},
): GeometryProblem {
  const { zhDetail, enDetail, ...rest } = extra;
  const m = messages[code];
  return {
    code,
    zh: `${m.zh}${zhDetail ? `：${zhDetail}` : ""}，位置 ${fmt(location)}`,
    en: `${m.en}${enDetail ? `: ${enDetail}` : ""}, at ${fmt(location)}`,
    location,
    ...rest,
  };
}
