import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { BBox } from "../../../domain/geo/geometry";

/** Gansu as [minLon, minLat, maxLon, maxLat]: the first view when no county boundary is known. */
export const provinceView: BBox = [92.2, 32.5, 108.8, 42.95];

export interface TileSettings {
  url: string;
  /** Optional label layer drawn over the base (天地图 cva_w). */
  labelUrl?: string;
  subdomains: string;
  attribution: string;
}

/**
 * The configured base layer, or null for none (offline use). Set at build time:
 * `VITE_TILE_URL` (e.g. 天地图 `https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=KEY`), optional
 * `VITE_TILE_LABEL_URL`, `VITE_TILE_SUBDOMAINS` (default `01234567`) and `VITE_TILE_ATTRIBUTION`.
 * 天地图 uses CGCS2000, which the map treats as WGS84 like the grids themselves.
 */
export function tileSettings(env: Record<string, string | undefined> = import.meta.env): TileSettings | null {
  const url = env.VITE_TILE_URL?.trim();
  if (!url) return null;
  return {
    url,
    labelUrl: env.VITE_TILE_LABEL_URL?.trim() || undefined,
    subdomains: env.VITE_TILE_SUBDOMAINS?.trim() || "01234567",
    attribution: env.VITE_TILE_ATTRIBUTION?.trim() || "天地图",
  };
}

/** Leaflet bounds of a [minLon, minLat, maxLon, maxLat] box. */
export const boundsOf = (b: BBox): L.LatLngBoundsExpression => [
  [b[1], b[0]],
  [b[3], b[2]],
];

/** The visible box of the map as [minLon, minLat, maxLon, maxLat], clamped to valid degrees. */
export function viewBox(map: L.Map): BBox {
  const b = map.getBounds();
  return [
    Math.max(-180, b.getWest()),
    Math.max(-90, b.getSouth()),
    Math.min(180, b.getEast()),
    Math.min(90, b.getNorth()),
  ];
}

/** A map without a base layer (plain background) unless a tile URL is configured. */
export function createBaseMap(el: HTMLElement, tiles: TileSettings | null): L.Map {
  const map = L.map(el, {
    zoomControl: true,
    attributionControl: true,
    preferCanvas: true,
    doubleClickZoom: false,
    zoomSnap: 0.5,
    minZoom: 4,
    maxZoom: 18,
  });
  map.attributionControl.setPrefix(false);
  if (tiles) {
    L.tileLayer(tiles.url, {
      subdomains: tiles.subdomains,
      attribution: tiles.attribution,
      maxZoom: 18,
    }).addTo(map);
    if (tiles.labelUrl) L.tileLayer(tiles.labelUrl, { subdomains: tiles.subdomains, maxZoom: 18 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  map.fitBounds(boundsOf(provinceView));
  return map;
}
