import L from "leaflet";
import type { Areal } from "../../../domain/geo/geometry";
import { type LabelBox, placeLabels, type ScreenRect } from "../../../domain/geo/label-placement";
import { interiorPoint } from "../../../domain/geo/point-in-polygon";
import { type TownshipOutline, townshipOutlines } from "../../../domain/geo/township-outlines";
import { fetchBoundary, fetchMapGrids, fetchMapSites } from "../api/grids";
import { cachedRegion } from "../api/regions";
import { viewBox } from "./base-map";
import { latLngsOf } from "./grid-layer";

export interface BaseGrid {
  id: string;
  code: string;
  name: string;
  geometry: Areal;
}
export interface BaseSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

export interface OfflineBaseOptions {
  /** County codes of the user's scope: their outlines are drawn and their townships named. */
  counties: string[];
  /** Draw the county outlines (default true; the grid map page draws its own). */
  countyOutlines?: boolean;
  /** Fetch grids and sites for the view itself (small maps); the grid map page feeds its own data instead. */
  autoFetch: boolean;
  /** Draw grid outlines (small maps); the grid map page draws coloured grids itself. */
  gridOutlines: boolean;
  /** The signed-in grid worker's own grids, outlined in blue. */
  myGridIds?: ReadonlySet<string>;
  /** A grid to outline in blue by its code (the case's grid). */
  highlightCode?: string | null;
}

const gridLabelZoom = 13;
const siteLabelZoom = 16;
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const labelWidth = (text: string, px: number) => [...text].length * px + 10;

/**
 * The platform's own base map, drawn from its data (issue 11): county outlines, township outlines (the
 * union of each township's grids when no township boundary is loaded), grid names where a grid is large
 * enough on screen to carry its name (code on hover), site names from zoom 16, the worker's own grids in
 * blue. Labels never overlap (`placeLabels`). Works with no network beyond the SafeGrid server, and on top
 * of 天地图 or other tiles too.
 */
export class OfflineBase {
  private readonly outlines = L.layerGroup();
  private readonly mine = L.layerGroup();
  private readonly labels = L.layerGroup();
  private grids: BaseGrid[] = [];
  private sites: BaseSite[] = [];
  private townships: TownshipOutline[] = [];
  private townshipKey = "";
  private readonly townshipNames = new Map<string, string>();
  private myGridIds: ReadonlySet<string>;
  private avoided: L.LatLng[] = [];
  private seq = 0;
  private timer: number | undefined;

  constructor(
    private readonly map: L.Map,
    private readonly opts: OfflineBaseOptions,
  ) {
    this.myGridIds = opts.myGridIds ?? new Set();
    for (const [name, z] of [
      ["sg-base", 350],
      ["sg-mine", 460],
      ["sg-labels", 470],
    ] as const) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    }
    map.getPane("sg-labels")!.style.pointerEvents = "none";
    map.getPane("sg-mine")!.style.pointerEvents = "none";
    this.outlines.addTo(map);
    this.mine.addTo(map);
    this.labels.addTo(map);
    this.drawCounties();
    map.on("zoomend moveend", this.onMove);
    if (opts.autoFetch) this.fetchView();
  }

  remove(): void {
    this.map.off("zoomend moveend", this.onMove);
    window.clearTimeout(this.timer);
    this.outlines.remove();
    this.mine.remove();
    this.labels.remove();
  }

  /** New grids and sites in view (from the page's own fetch). */
  update(grids: BaseGrid[], sites: BaseSite[]): void {
    this.grids = grids;
    this.sites = sites;
    this.redraw();
  }

  /** Points the page draws itself (a case's site and positions, a pin) that names must not cover. */
  avoid(points: readonly { lat: number; lng: number }[]): void {
    this.avoided = points.map((p) => L.latLng(p.lat, p.lng));
    this.drawLabels();
  }

  setMyGrids(ids: ReadonlySet<string>): void {
    this.myGridIds = ids;
    this.redraw();
  }

  private readonly onMove = () => {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => (this.opts.autoFetch ? this.fetchView() : this.drawLabels()), 120);
  };

  private async fetchView(): Promise<void> {
    const n = ++this.seq;
    const zoom = Math.round(this.map.getZoom());
    const box = viewBox(this.map);
    // a map not laid out yet (hidden, size 0) has an empty view: nothing to ask the server for
    if (!(box[0] < box[2] && box[1] < box[3])) return;
    try {
      const [layer, sites] = await Promise.all([
        zoom >= 8 ? fetchMapGrids(box, zoom, "coverage") : null,
        zoom >= siteLabelZoom ? fetchMapSites(box, zoom, {}) : null,
      ]);
      if (n !== this.seq) return;
      this.update(
        layer?.mode === "grids"
          ? layer.features.features.map((f) => ({ ...f.properties, geometry: f.geometry }))
          : [],
        sites?.mode === "points" ? sites.items : [],
      );
    } catch {
      // offline base without data: the view stays as it was
    }
  }

  private drawCounties(): void {
    const group = L.layerGroup().addTo(this.map);
    this.outlines.addLayer(group);
    for (const code of this.opts.counties) {
      if (this.opts.countyOutlines !== false)
        fetchBoundary(code)
          .then((geojson) =>
            group.addLayer(
              L.geoJSON(geojson as unknown as GeoJSON.GeoJsonObject, {
                pane: "sg-base",
                style: { color: "#c0392b", weight: 2.5, dashArray: "6 4", fill: false },
                interactive: false,
              }),
            ),
          )
          .catch(() => undefined);
      cachedRegion(code)
        .then((detail) => {
          for (const c of detail.children) this.townshipNames.set(c.code, c.name);
          this.drawLabels();
        })
        .catch(() => undefined);
    }
  }

  private redraw(): void {
    const key = this.grids
      .map((g) => g.id)
      .sort()
      .join(",");
    if (key !== this.townshipKey) {
      this.townshipKey = key;
      this.townships = townshipOutlines(this.grids);
    }
    const base = L.layerGroup();
    for (const t of this.townships)
      base.addLayer(
        L.polygon(latLngsOf(t.geometry), {
          pane: "sg-base",
          color: "#7f8c8d",
          weight: 2,
          dashArray: "8 4 2 4",
          fill: false,
          interactive: false,
        }),
      );
    if (this.opts.gridOutlines)
      for (const g of this.grids)
        base.addLayer(
          L.polygon(latLngsOf(g.geometry), {
            pane: "sg-base",
            color: "#5b7083",
            weight: 1,
            fillColor: "#dfe7ef",
            fillOpacity: 0.25,
          }).bindTooltip(`${escapeHtml(g.name)}（${g.code}）`, { sticky: true }),
        );
    // keep the county outlines (first layer), replace the rest
    const layers = this.outlines.getLayers();
    for (const l of layers.slice(1)) this.outlines.removeLayer(l);
    this.outlines.addLayer(base);
    this.mine.clearLayers();
    for (const g of this.grids)
      if (this.myGridIds.has(g.id) || g.code === this.opts.highlightCode)
        this.mine.addLayer(
          L.polygon(latLngsOf(g.geometry), {
            pane: "sg-mine",
            color: "#0b3d91",
            weight: 4,
            fillColor: "#1677ff",
            fillOpacity: 0.12,
            interactive: false,
          }),
        );
    this.drawLabels();
  }

  /** Where the page's site markers, clusters and own points are on screen: labels keep off them. */
  private markerRects(): ScreenRect[] {
    const pane = this.map.getPane("markerPane");
    if (!pane) return [];
    const origin = this.map.getContainer().getBoundingClientRect();
    const rects: ScreenRect[] = [];
    for (const el of Array.from(pane.children)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      rects.push({
        x0: r.left - origin.left,
        y0: r.top - origin.top,
        x1: r.right - origin.left,
        y1: r.bottom - origin.top,
      });
    }
    for (const at of this.avoided) {
      const p = this.map.latLngToContainerPoint(at);
      rects.push({ x0: p.x - 12, y0: p.y - 12, x1: p.x + 12, y1: p.y + 12 });
    }
    return rects;
  }

  /** Township names when zoomed out, grid names where they fit, site names close up; none overlapping. */
  private drawLabels(): void {
    this.labels.clearLayers();
    const map = this.map;
    const zoom = map.getZoom();
    const size = map.getSize();
    const boxes: (LabelBox & { at: L.LatLng; text: string; title: string; cls: string })[] = [];
    const push = (
      id: string,
      at: L.LatLng,
      text: string,
      title: string,
      cls: string,
      px: number,
      priority: number,
      below = 0,
      overObstacles = false,
    ) => {
      const p = map.latLngToContainerPoint(at);
      // a site's name sits below its point: its box is placed where it is drawn
      p.y += below ? below + (px + 8) / 2 : 0;
      if (p.x < -50 || p.y < -20 || p.x > size.x + 50 || p.y > size.y + 20) return;
      boxes.push({
        id,
        x: p.x,
        y: p.y,
        width: labelWidth(text, px),
        height: px + 8,
        priority,
        overObstacles,
        at,
        text,
        title,
        cls,
      });
    };
    if (zoom < 14.5)
      for (const t of this.townships) {
        const name = this.townshipNames.get(t.code) ?? this.townshipNames.get(`${t.code}000`);
        if (name)
          push(
            `t${t.code}`,
            L.latLng(t.labelAt[1], t.labelAt[0]),
            name,
            t.code,
            "sg-label-township",
            14,
            3000 + t.grids,
            0,
            true,
          );
      }
    const view = map.getBounds();
    for (const g of this.grids) {
      const own = this.myGridIds.has(g.id) || g.code === this.opts.highlightCode;
      // other grids' names from zoom 12; the worker's own grids and the case's grid from zoom 10
      if (zoom < (own ? 10 : gridLabelZoom - 1)) continue;
      const ll = L.latLngBounds(latLngsOf(g.geometry).flat(2) as L.LatLngTuple[]);
      const w =
        map.latLngToContainerPoint(ll.getNorthEast()).x - map.latLngToContainerPoint(ll.getSouthWest()).x;
      // a grid's name only where the grid is wide enough on screen to carry it (one's own: where it shows)
      if (w < labelWidth(g.name, 12) * (own ? 0.35 : 0.7)) continue;
      const [lon, lat] = interiorPoint(g.geometry);
      let at = L.latLng(lat, lon);
      // zoomed in on part of one's own grid (the case map): the name goes in the part on screen
      if (own && !view.contains(at) && view.intersects(ll)) {
        const part = L.latLngBounds(
          [Math.max(ll.getSouth(), view.getSouth()), Math.max(ll.getWest(), view.getWest())],
          [Math.min(ll.getNorth(), view.getNorth()), Math.min(ll.getEast(), view.getEast())],
        );
        at = part.getCenter();
      }
      push(
        `g${g.id}`,
        at,
        g.name,
        g.code,
        own ? "sg-label-grid sg-label-mine" : "sg-label-grid",
        12,
        // one's own grid's name before the township's (which names the whole township anyway)
        (own ? 10_000 : 1000) + Math.min(999, w),
      );
    }
    if (zoom >= siteLabelZoom)
      for (const s of this.sites)
        push(`s${s.id}`, L.latLng(s.lat, s.lon), s.name, s.name, "sg-label-site", 11, 10, 8);
    const shown = placeLabels(boxes, 4, this.markerRects());
    for (const b of boxes) {
      const moved = shown.get(b.id);
      if (!moved) continue;
      const w = b.width;
      const at = map.containerPointToLatLng([moved.x, moved.y]);
      this.labels.addLayer(
        L.marker(at, {
          pane: "sg-labels",
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: `sg-label ${b.cls}`,
            iconSize: [w, b.height],
            iconAnchor: [w / 2, b.height / 2],
            html: `<span title="${escapeHtml(b.title)}" data-code="${escapeHtml(b.title)}">${escapeHtml(b.text)}</span>`,
          }),
        }),
      );
    }
  }
}
