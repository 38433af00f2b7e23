import L from "leaflet";
import type { Areal } from "../../../domain/geo/geometry";
import type { GridFeatureProps, MapLayer, RegionFeatureProps } from "../api/grids";

export interface GridLayerHandlers {
  onGrid: (props: GridFeatureProps, event: L.LeafletMouseEvent) => void;
  onRegion: (props: RegionFeatureProps, center: L.LatLng) => void;
  /** Text of a grid's hover label. */
  gridLabel: (props: GridFeatureProps) => string;
  regionLabel: (props: RegionFeatureProps) => string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A polygon ring from GeoJSON [lon, lat] to Leaflet [lat, lon]. */
export const latLngsOf = (geom: Areal): L.LatLngExpression[][][] =>
  (geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates).map((poly) =>
    poly.map((ring) => ring.map(([lon, lat]) => [lat, lon] as L.LatLngTuple)),
  );

/**
 * Draws one answer of `GET /map/grids` into `group` (cleared first): county polygons or township
 * circles coloured by their coverage when zoomed out, grid polygons coloured by coverage or workload when
 * zoomed in. Returns the grid polygons by id so the page can highlight the selection.
 */
export function renderGridLayer(
  group: L.LayerGroup,
  layer: MapLayer,
  handlers: GridLayerHandlers,
): Map<string, L.Polygon> {
  group.clearLayers();
  const byId = new Map<string, L.Polygon>();
  if (layer.mode === "regions") {
    for (const f of layer.features.features) {
      const p = f.properties;
      const label = handlers.regionLabel(p);
      if (!f.geometry) continue;
      if (f.geometry.type === "Point") {
        const [lon, lat] = f.geometry.coordinates;
        const center = L.latLng(lat, lon);
        const dot = L.circleMarker(center, {
          radius: 9 + Math.min(12, Math.sqrt(p.grids)),
          color: "#fff",
          weight: 2,
          fillColor: p.color,
          fillOpacity: 0.9,
        });
        dot.bindTooltip(escapeHtml(label), {
          permanent: true,
          direction: "right",
          className: "sg-region-label",
        });
        dot.on("click", () => handlers.onRegion(p, center));
        group.addLayer(dot);
      } else {
        const poly = L.polygon(latLngsOf(f.geometry), {
          color: "#34495e",
          weight: 1.5,
          fillColor: p.color,
          fillOpacity: 0.35,
        });
        poly.bindTooltip(escapeHtml(label), { sticky: true });
        poly.on("click", () => handlers.onRegion(p, poly.getBounds().getCenter()));
        group.addLayer(poly);
      }
    }
    return byId;
  }
  for (const f of layer.features.features) {
    const p = f.properties;
    const poly = L.polygon(latLngsOf(f.geometry), {
      color: "#2c3e50",
      weight: 1,
      opacity: 0.8,
      fillColor: p.color,
      fillOpacity: 0.32,
    });
    poly.bindTooltip(escapeHtml(handlers.gridLabel(p)), { sticky: true });
    poly.on("click", (e) => handlers.onGrid(p, e));
    group.addLayer(poly);
    byId.set(p.id, poly);
  }
  return byId;
}

/** Outlines the selected grids (thick dark blue border), resetting the others. */
export function highlightGrids(polygons: Map<string, L.Polygon>, selected: ReadonlySet<string>): void {
  for (const [id, poly] of polygons) {
    const on = selected.has(id);
    poly.setStyle(
      on ? { color: "#0b3d91", weight: 3, opacity: 1 } : { color: "#2c3e50", weight: 1, opacity: 0.8 },
    );
    if (on) poly.bringToFront();
  }
}

/** Draws a region boundary (GeoJSON geometry, Feature or FeatureCollection) as a dashed outline. */
export function renderBoundary(group: L.LayerGroup, geojson: unknown): L.LatLngBounds | null {
  const layer = L.geoJSON(geojson as GeoJSON.GeoJsonObject, {
    style: { color: "#c0392b", weight: 2.5, dashArray: "6 4", fill: false },
    interactive: false,
  });
  group.addLayer(layer);
  const bounds = layer.getBounds();
  return bounds.isValid() ? bounds : null;
}

/** Dashed, numbered pieces of a split preview. */
export function renderPieces(group: L.LayerGroup, pieces: Areal[]): void {
  group.clearLayers();
  const colours = ["#722ed1", "#13c2c2", "#eb2f96", "#fa8c16", "#2f54eb", "#a0d911"];
  pieces.forEach((geom, i) => {
    const poly = L.polygon(latLngsOf(geom), {
      color: colours[i % colours.length],
      weight: 2.5,
      dashArray: "5 4",
      fillOpacity: 0.25,
      interactive: false,
    });
    poly.bindTooltip(String(i + 1), { permanent: true, direction: "center", className: "sg-piece-label" });
    group.addLayer(poly);
  });
}

/** The outline of one grid (the selection), drawn over the layer in dark blue. */
export function renderOutline(group: L.LayerGroup, geom: Areal | null): void {
  group.clearLayers();
  if (!geom) return;
  group.addLayer(
    L.polygon(latLngsOf(geom), {
      color: "#0b3d91",
      weight: 3,
      fillColor: "#1677ff",
      fillOpacity: 0.08,
      interactive: false,
    }),
  );
}
