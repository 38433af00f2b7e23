import gcoord from "gcoord";
import L from "leaflet";
import type { TileCrs } from "../../../domain/geo/base-map-settings";

/** WGS84 → the tiles' system (gcoord); identity for WGS84 tiles. */
export function toTileCrs(crs: TileCrs): (ll: L.LatLng) => L.LatLng {
  if (crs === "wgs84") return (ll) => ll;
  const to = crs === "gcj02" ? gcoord.GCJ02 : gcoord.BD09;
  return (ll) => {
    const [lng, lat] = gcoord.transform([ll.lng, ll.lat], gcoord.WGS84, to);
    return L.latLng(lat, lng);
  };
}

type Internals = {
  _setZoomTransform(level: unknown, center: L.LatLng, zoom: number): void;
  _getTiledPixelBounds(center: L.LatLng): L.Bounds;
};
const base = L.TileLayer.prototype as unknown as Internals;

/**
 * A tile layer whose tiles are in GCJ-02 or BD-09 while the map and all data are WGS84: the tiles are
 * laid out around the map centre converted to the tiles' system, so the tile pixel of a place lands where
 * that place's WGS84 coordinate is drawn (the offset is recomputed at every zoom; within a county it varies
 * by far less than a metre between centres).
 */
export function shiftedTileLayer(url: string, crs: TileCrs, options: L.TileLayerOptions): L.TileLayer {
  const layer = L.tileLayer(url, options);
  if (crs === "wgs84") return layer;
  const shift = toTileCrs(crs);
  const own = layer as unknown as Internals;
  own._setZoomTransform = function (this: L.TileLayer, level, center, zoom) {
    base._setZoomTransform.call(this, level, shift(center), zoom);
  };
  own._getTiledPixelBounds = function (this: L.TileLayer, center) {
    return base._getTiledPixelBounds.call(this, shift(center));
  };
  return layer;
}
