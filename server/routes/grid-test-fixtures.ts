import { crc32 } from "node:zlib";
import { boxRing } from "../../domain/geo/geometry";
import type { ApiContext } from "../test/api-harness";

/** A closed square ring [x0,y0]–[x1,y1], counter-clockwise. */
export const square = boxRing;

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

/** A .zip of the given files, stored (no compression): enough for shapefile archives in tests. */
export function zipStore(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A polygon .shp (type 5) from rings per record, rings given as in a shapefile (outer clockwise, holes counter-clockwise). */
export function shpPolygons(records: [number, number][][][]): Buffer {
  const bodies = records.map((rings) => {
    const points = rings.flat();
    const b = Buffer.alloc(44 + rings.length * 4 + points.length * 16);
    b.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    for (const [i, v] of [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].entries())
      b.writeDoubleLE(v, 4 + i * 8);
    b.writeInt32LE(rings.length, 36);
    b.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((r, i) => {
      b.writeInt32LE(start, 44 + i * 4);
      start += r.length;
    });
    points.forEach((p, k) => {
      b.writeDoubleLE(p[0], 44 + rings.length * 4 + k * 16);
      b.writeDoubleLE(p[1], 44 + rings.length * 4 + k * 16 + 8);
    });
    return b;
  });
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  const total = 100 + bodies.reduce((s, b) => s + 8 + b.length, 0);
  header.writeInt32BE(total / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  const recs = bodies.map((b, i) => {
    const h = Buffer.alloc(8);
    h.writeInt32BE(i + 1, 0);
    h.writeInt32BE(b.length / 2, 4);
    return Buffer.concat([h, b]);
  });
  return Buffer.concat([header, ...recs]);
}

/** A .dbf with character fields (UTF-8, declare it in a .cpg). */
export function dbfRecords(fields: string[], records: string[][], width = 40): Buffer {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.length * width;
  const header = Buffer.alloc(headerLength);
  header.writeUInt8(3, 0);
  header.writeUInt32LE(records.length, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    Buffer.from(f, "utf8").copy(header, 32 + i * 32, 0, 10);
    header.write("C", 32 + i * 32 + 11, "ascii");
    header.writeUInt8(width, 32 + i * 32 + 16);
  });
  header.writeUInt8(0x0d, headerLength - 1);
  const body = records.map((r) => {
    const b = Buffer.alloc(recordLength, 0x20);
    for (const [i, v] of r.entries()) Buffer.from(v, "utf8").copy(b, 1 + i * width, 0, width);
    return b;
  });
  return Buffer.concat([header, ...body, Buffer.from([0x1a])]);
}
