import L from "leaflet";
import type { Polygon, Position } from "../../../domain/geo/geometry";

/** Rounds a degree to 7 decimals (~1 cm), as stored. */
const round = (v: number) => Math.round(v * 1e7) / 1e7;

/** The closed GeoJSON polygon of the clicked points ([lon, lat], first point repeated at the end). */
export function polygonOfPoints(points: readonly L.LatLng[]): Polygon | null {
  if (points.length < 3) return null;
  const ring: Position[] = points.map((p) => [round(p.lng), round(p.lat)]);
  return { type: "Polygon", coordinates: [[...ring, ring[0]]] };
}

/**
 * A small polygon drawing tool: each map click adds a vertex, a dashed rubber band follows the mouse,
 * clicking the first vertex (or calling `finish`) closes the ring. It never repairs what is drawn: the
 * page validates the polygon and shows the problems where they are.
 */
export class PolygonDrawTool {
  private points: L.LatLng[] = [];
  private readonly group = L.layerGroup();
  private readonly line = L.polyline([], { color: "#0b3d91", weight: 2, interactive: false });
  private readonly band = L.polyline([], {
    color: "#0b3d91",
    weight: 1.5,
    dashArray: "4 4",
    interactive: false,
  });
  private readonly fill = L.polygon([], {
    color: "#0b3d91",
    weight: 0,
    fillOpacity: 0.15,
    interactive: false,
  });
  private active = false;

  constructor(
    private readonly map: L.Map,
    private readonly onChange: (points: readonly L.LatLng[]) => void,
    private readonly onClose: () => void,
  ) {}

  get drawing(): boolean {
    return this.active;
  }

  get vertices(): readonly L.LatLng[] {
    return this.points;
  }

  start(): void {
    this.cancel();
    this.active = true;
    this.group.addLayer(this.fill).addLayer(this.line).addLayer(this.band).addTo(this.map);
    this.map.getContainer().classList.add("sg-drawing");
    this.map.on("click", this.onClick);
    this.map.on("mousemove", this.onMove);
  }

  undo(): void {
    this.points.pop();
    this.redraw();
  }

  /** Stops drawing and keeps the outline on the map; returns the polygon (null with fewer than 3 points). */
  finish(): Polygon | null {
    if (!this.active) return polygonOfPoints(this.points);
    this.stopListening();
    this.band.setLatLngs([]);
    this.line.setLatLngs(this.points.length ? [...this.points, this.points[0]] : []);
    return polygonOfPoints(this.points);
  }

  /** Removes the drawing from the map. */
  cancel(): void {
    this.stopListening();
    this.points = [];
    this.group.clearLayers();
    this.group.remove();
    this.line.setLatLngs([]);
    this.band.setLatLngs([]);
    this.fill.setLatLngs([]);
  }

  private stopListening(): void {
    this.active = false;
    this.map.getContainer().classList.remove("sg-drawing");
    this.map.off("click", this.onClick);
    this.map.off("mousemove", this.onMove);
  }

  private readonly onClick = (e: L.LeafletMouseEvent) => {
    if (!this.active) return;
    const first = this.points[0];
    if (first && this.points.length >= 3) {
      const a = this.map.latLngToContainerPoint(first);
      if (a.distanceTo(e.containerPoint) < 8) {
        this.finish();
        this.onChange(this.points);
        this.onClose();
        return;
      }
    }
    this.points.push(e.latlng);
    this.redraw();
  };

  private readonly onMove = (e: L.LeafletMouseEvent) => {
    const last = this.points[this.points.length - 1];
    if (!last) return;
    const ends = this.points.length >= 2 ? [last, e.latlng, this.points[0]] : [last, e.latlng];
    this.band.setLatLngs(ends);
  };

  private redraw(): void {
    this.line.setLatLngs(this.points);
    this.fill.setLatLngs(this.points.length >= 3 ? this.points : []);
    this.group.eachLayer((layer) => {
      if (layer instanceof L.CircleMarker) this.group.removeLayer(layer);
    });
    this.points.forEach((p, i) => {
      const vertex = L.circleMarker(p, {
        radius: i === 0 ? 6 : 4,
        color: "#0b3d91",
        weight: 2,
        fillColor: i === 0 ? "#ffd666" : "#fff",
        fillOpacity: 1,
        interactive: false,
      });
      this.group.addLayer(vertex);
    });
    if (this.points.length === 0) this.band.setLatLngs([]);
    this.onChange(this.points);
  }
}
