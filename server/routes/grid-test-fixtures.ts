import type { ApiContext } from "../test/api-harness";

/** A closed square ring [x0,y0]–[x1,y1], counter-clockwise. */
export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** Known grids in 榆中县 城关镇: A has a hole, B shares A's east edge (lon 104.02), C is a two-part multipolygon. */
export const fixtureGrids = {
  A: {
    regionCode: "620123100001",
    name: "兴隆路社区网格",
    kind: "village",
    villageCodes: ["620123100001"],
    geometry: {
      type: "Polygon",
      coordinates: [square(104.0, 35.8, 104.02, 35.82), square(104.005, 35.805, 104.01, 35.81).reverse()],
    },
    supervisionOfficer: { name: "李安全", phone: "13912345678" },
    contactLeader: { name: "王联系", phone: "13887654321" },
  },
  B: {
    regionCode: "620123100002",
    name: "一悟路社区网格",
    kind: "village",
    villageCodes: ["620123100002"],
    geometry: { type: "Polygon", coordinates: [square(104.02, 35.8, 104.04, 35.82)] },
  },
  C: {
    regionCode: "620123100003",
    name: "栖云北路社区网格",
    kind: "village",
    villageCodes: ["620123100003"],
    geometry: {
      type: "MultiPolygon",
      coordinates: [[square(104.05, 35.8, 104.06, 35.81)], [[...square(104.07, 35.8, 104.08, 35.81)]]],
    },
  },
} as const;

/** Creates the fixture grids as the county office and returns their ids and codes. */
export async function createFixtureGrids(ctx: ApiContext) {
  const out: Record<string, { id: string; code: string; version: number }> = {};
  for (const [key, body] of Object.entries(fixtureGrids)) {
    const res = await ctx.as("county", { method: "POST", url: "/api/v1/grids", payload: body });
    if (res.statusCode !== 201) throw new Error(`grid ${key}: ${res.statusCode} ${res.body}`);
    const g = res.json();
    out[key] = { id: g.id, code: g.code, version: g.version };
  }
  return out;
}

/** Real unified social credit codes (GB 32100-2015 example and well-known companies). */
export const realUscc = [
  "91350100M000100Y43",
  "91330100799655058B",
  "9144030071526726XG",
  "914403001922038216",
  "91110000710925462X",
];

export const siteBody = (over: Record<string, unknown> = {}) => ({
  name: "榆中县兴隆建材有限公司",
  kind: "enterprise",
  uscc: realUscc[0],
  industryCode: "3011",
  scale: "small",
  ownership: "other",
  riskLevel: "yellow",
  regionCode: "620123100001",
  address: "榆中县城关镇兴隆路 18 号",
  lon: 104.015,
  lat: 35.815,
  contactName: "张建国",
  contactPhone: "13812345678",
  ...over,
});

/** A multipart/form-data body with one file and some fields, for `inject`. */
export function multipart(
  fields: Record<string, string>,
  file: { filename: string; content: Buffer; type?: string },
) {
  const boundary = `----safegrid${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
