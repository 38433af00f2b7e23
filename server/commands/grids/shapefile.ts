import type { Areal, Position, Ring } from "../../../domain/geo/geometry";
import { fromPolygons, ringArea2 } from "../../../domain/geo/geometry";
import { pointInRing } from "../../../domain/geo/point-in-polygon";

export class ShapefileError extends Error {}

/** Text from a .dbf: UTF-8 when the .cpg says so or the bytes are valid UTF-8, else GB18030 (GBK). */
export function decodeDbfText(bytes: Uint8Array, cpg: string | null): string {
  const enc = (cpg ?? "").trim().toLowerCase();
  if (/gbk|936|gb2312|gb18030/.test(enc)) return new TextDecoder("gb18030").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/**
 * Rings of one shapefile polygon record to GeoJSON: in a shapefile outer rings run clockwise and holes
 * counter-clockwise; each hole goes to the smallest outer ring that contains it.
 */
function ringsToAreal(rings: Ring[]): Areal | null {
  const shells: Ring[][] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    if (r.length < 4) continue;
    if (ringArea2(r) < 0) shells.push([[...r].reverse()]);
    else holes.push([...r].reverse());
  }
  if (shells.length === 0 && holes.length) return fromPolygons(holes.map((h) => [[...h].reverse()])); // wrongly wound file
  for (const h of holes) {
    const owner = shells.find((s) => pointInRing(h[0][0], h[0][1], s[0])) ?? shells[0];
    owner.push(h);
  }
  return shells.length ? fromPolygons(shells) : null;
}

/** The polygon records of a .shp file (types 5, 15, 25); null geometry for empty records. */
export function readShp(buf: Buffer): (Areal | null)[] {
  if (buf.length < 100 || buf.readInt32BE(0) !== 9994) throw new ShapefileError("not a .shp file");
  const shapeType = buf.readInt32LE(32);
  if (![0, 5, 15, 25].includes(shapeType))
    throw new ShapefileError(`shape type ${shapeType} is not a polygon layer`);
  const out: (Areal | null)[] = [];
  let p = 100;
  while (p + 8 <= buf.length) {
    const length = buf.readInt32BE(p + 4) * 2;
    const rec = p + 8;
    p = rec + length;
    const type = buf.readInt32LE(rec);
    if (type === 0) {
      out.push(null);
      continue;
    }
    if (![5, 15, 25].includes(type)) throw new ShapefileError(`record of shape type ${type}`);
    const numParts = buf.readInt32LE(rec + 36);
    const numPoints = buf.readInt32LE(rec + 40);
    const partsAt = rec + 44;
    const pointsAt = partsAt + numParts * 4;
    const starts = Array.from({ length: numParts }, (_, i) => buf.readInt32LE(partsAt + i * 4));
    const rings: Ring[] = starts.map((s, i) => {
      const end = i + 1 < numParts ? starts[i + 1] : numPoints;
      const ring: Position[] = [];
      for (let k = s; k < end; k++)
        ring.push([buf.readDoubleLE(pointsAt + k * 16), buf.readDoubleLE(pointsAt + k * 16 + 8)]);
      return ring;
    });
    out.push(ringsToAreal(rings));
  }
  return out;
}

/** The attribute records of a .dbf file as objects keyed by field name. */
export function readDbf(
  buf: Buffer,
  cpg: string | null,
): { fields: string[]; records: Record<string, string | number | null>[] } {
  if (buf.length < 32) throw new ShapefileError("not a .dbf file");
  const count = buf.readUInt32LE(4);
  const headerLength = buf.readUInt16LE(8);
  const recordLength = buf.readUInt16LE(10);
  const fields: { name: string; type: string; length: number }[] = [];
  for (let p = 32; p + 32 <= headerLength && buf[p] !== 0x0d; p += 32) {
    const raw = buf.subarray(p, p + 11);
    const name = decodeDbfText(raw.subarray(0, raw.indexOf(0) === -1 ? 11 : raw.indexOf(0)), cpg).trim();
    fields.push({ name, type: String.fromCharCode(buf[p + 11]), length: buf[p + 16] });
  }
  const records: Record<string, string | number | null>[] = [];
  for (let i = 0; i < count; i++) {
    const at = headerLength + i * recordLength;
    if (at + recordLength > buf.length) break;
    if (buf[at] === 0x2a) continue; // deleted
    let p = at + 1;
    const rec: Record<string, string | number | null> = {};
    for (const f of fields) {
      const text = decodeDbfText(buf.subarray(p, p + f.length), cpg)
        .replace(/\0/g, "")
        .trim();
      p += f.length;
      rec[f.name] =
        text === ""
          ? null
          : (f.type === "N" || f.type === "F") && Number.isFinite(Number(text))
            ? Number(text)
            : text;
    }
    records.push(rec);
  }
  return { fields: fields.map((f) => f.name), records };
}
