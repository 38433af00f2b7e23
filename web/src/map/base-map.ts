import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { type BaseMapSettings, tiandituUrl } from "../../../domain/geo/base-map-settings";
import type { BBox } from "../../../domain/geo/geometry";
import { shiftedTileLayer } from "./shifted-tile-layer";

/** Gansu as [minLon, minLat, maxLon, maxLat]: the first view when no county boundary is known. */
export const provinceView: BBox = [92.2, 32.5, 108.8, 42.95];

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

export interface BaseMapTexts {
  vector: string;
  imagery: string;
  tiles: string;
  offline: string;
  fallback: string;
}

/** The tile layers of the configured base map, by the name shown in the layer switcher. */
function tileLayers(settings: BaseMapSettings, texts: BaseMapTexts): [string, L.TileLayer[]][] {
  const opts = { maxZoom: 18, crossOrigin: false } as const;
  if (settings.kind === "tianditu") {
    const t = (layer: "vec" | "cva" | "img" | "cia") =>
      L.tileLayer(tiandituUrl(layer, settings.key), {
        ...opts,
        subdomains: "01234567",
        attribution: "天地图",
      });
    return [
      [texts.vector, [t("vec"), t("cva")]],
      [texts.imagery, [t("img"), t("cia")]],
    ];
  }
  if (settings.kind === "xyz")
    return [
      [
        texts.tiles,
        [shiftedTileLayer(settings.url, settings.crs, { ...opts, subdomains: settings.subdomains })],
      ],
    ];
  return [];
}

/**
 * Watches tiles: when the first tiles all fail, or several fail in a row, or none has arrived 10 s after
 * the first was asked for (a host that does not answer), calls `onFail` once.
 */
function watchTiles(layers: L.TileLayer[], onFail: () => void): () => void {
  let loaded = 0;
  let failedInRow = 0;
  let done = false;
  let timer: number | undefined;
  const fail = () => {
    if (done) return;
    done = true;
    window.clearTimeout(timer);
    onFail();
  };
  const onStart = () => {
    if (timer === undefined && loaded === 0) timer = window.setTimeout(() => loaded === 0 && fail(), 10_000);
  };
  const onLoad = () => {
    loaded++;
    failedInRow = 0;
  };
  const onError = () => {
    failedInRow++;
    if ((loaded === 0 && failedInRow >= 2) || failedInRow >= 6) fail();
  };
  for (const l of layers) l.on({ tileloadstart: onStart, tileload: onLoad, tileerror: onError });
  return () => {
    done = true;
    window.clearTimeout(timer);
    for (const l of layers) l.off({ tileloadstart: onStart, tileload: onLoad, tileerror: onError });
  };
}

/** The notice shown on the map itself when the tiles failed and the offline base took over. */
function fallbackNotice(text: string): L.Control {
  const Notice = L.Control.extend({
    onAdd() {
      const div = L.DomUtil.create("div", "sg-map-notice");
      div.setAttribute("role", "status");
      div.setAttribute("data-testid", "basemap-fallback");
      div.textContent = text;
      return div;
    },
  });
  return new Notice({ position: "topright" });
}

/**
 * A Leaflet map on the configured base (issue 11): 天地图 vector or imagery with labels, an XYZ tile URL
 * shifted from its GCJ-02/BD-09 system, or the offline base (a plain background: the platform's own
 * outlines and names are drawn over it by `OfflineBase`). Tiles that do not load switch the map to the
 * offline base with a visible notice. Always a metric scale; a layer switcher when there is a choice.
 */
export function createBaseMap(
  el: HTMLElement,
  settings: BaseMapSettings,
  texts: BaseMapTexts,
  options: L.MapOptions = {},
): L.Map {
  const map = L.map(el, {
    zoomControl: true,
    attributionControl: true,
    preferCanvas: true,
    doubleClickZoom: false,
    zoomSnap: 0.5,
    minZoom: 4,
    maxZoom: 18,
    ...options,
  });
  map.attributionControl.setPrefix(false);
  L.control.scale({ imperial: false }).addTo(map);
  const choices = tileLayers(settings, texts);
  el.classList.toggle("sg-map-offline", choices.length === 0);
  if (choices.length > 0) {
    const groups = choices.map(([name, layers]) => [name, L.layerGroup(layers)] as const);
    const offline = L.layerGroup();
    groups[0][1].addTo(map);
    const switcher = L.control.layers(
      Object.fromEntries([...groups, [texts.offline, offline]]),
      {},
      { position: "topright", collapsed: true },
    );
    switcher.addTo(map);
    map.on("baselayerchange", (e: L.LayersControlEvent) =>
      el.classList.toggle("sg-map-offline", e.layer === offline),
    );
    const stop = watchTiles(
      choices.flatMap(([, layers]) => layers),
      () => {
        for (const [, g] of groups) g.remove();
        switcher.remove();
        offline.addTo(map);
        el.classList.add("sg-map-offline");
        el.setAttribute("data-basemap", "fallback");
        fallbackNotice(texts.fallback).addTo(map);
        map.fire("sg:basemapfallback");
      },
    );
    map.on("unload", stop);
  }
  el.setAttribute("data-basemap", choices.length > 0 ? settings.kind : "offline");
  map.fitBounds(boundsOf(provinceView));
  return map;
}
