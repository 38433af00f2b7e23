import L from "leaflet";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RiskLevel, SiteKind } from "../../../../domain/site/site-kinds";
import {
  fetchMapGrids,
  fetchMapSites,
  type GridFeatureProps,
  type MapColor,
  type MapLayer,
  type MapSites,
  type RegionFeatureProps,
  type SitePoint,
} from "../../api/grids";
import { viewBox } from "../../map/base-map";
import { renderGridLayer } from "../../map/grid-layer";
import { renderSiteLayer } from "../../map/site-layer";

export interface MapDataOptions {
  color: MapColor;
  siteKind?: SiteKind;
  riskLevel?: RiskLevel;
  showSites: boolean;
  /** While drawing, clicks on the map belong to the draw tool: summaries do not zoom in. */
  busy: boolean;
  onGrid: (props: GridFeatureProps, event: L.LeafletMouseEvent) => void;
  onSite: (point: SitePoint) => void;
  gridLabel: (props: GridFeatureProps) => string;
  regionLabel: (props: RegionFeatureProps) => string;
  clusterLabel: Parameters<typeof renderSiteLayer>[3]["clusterLabel"];
  /** Each answer, for the offline base's outlines and names. */
  onData?: (layer: MapLayer, sites: MapSites | null) => void;
}

export interface MapDataState {
  layer: MapLayer | null;
  siteMode: "clusters" | "points" | null;
  siteCount: number;
  loading: boolean;
  error: unknown;
  /** Grid polygons on screen, by grid id (for highlighting). */
  polygons: Map<string, L.Polygon>;
}

/**
 * Keeps the grid and site layers in step with the view: after each move or zoom it asks the server for
 * what is in view (`/map/grids`, `/map/sites`) and redraws; answers to older views are dropped.
 */
export function useMapData(map: L.Map | null, opts: MapDataOptions) {
  const gridGroup = useRef(L.layerGroup());
  const siteGroup = useRef(L.layerGroup());
  const seq = useRef(0);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const [state, setState] = useState<MapDataState>({
    layer: null,
    siteMode: null,
    siteCount: 0,
    loading: false,
    error: null,
    polygons: new Map(),
  });

  const load = useCallback(async () => {
    if (!map) return;
    const n = ++seq.current;
    const o = optsRef.current;
    const box = viewBox(map);
    const zoom = Math.round(map.getZoom());
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const [layer, sites] = await Promise.all([
        fetchMapGrids(box, zoom, o.color),
        o.showSites ? fetchMapSites(box, zoom, { kind: o.siteKind, riskLevel: o.riskLevel }) : null,
      ]);
      if (n !== seq.current) return;
      const polygons = renderGridLayer(gridGroup.current, layer, {
        onGrid: (p, e) => optsRef.current.onGrid(p, e),
        onRegion: (_p, center) => optsRef.current.busy || map.setView(center, Math.max(10, zoom + 2)),
        gridLabel: (p) => optsRef.current.gridLabel(p),
        regionLabel: (p) => optsRef.current.regionLabel(p),
      });
      if (sites)
        renderSiteLayer(map, siteGroup.current, sites, {
          onSite: (p) => optsRef.current.onSite(p),
          clusterLabel: (c) => optsRef.current.clusterLabel(c),
        });
      else siteGroup.current.clearLayers();
      optsRef.current.onData?.(layer, sites);
      setState({
        layer,
        siteMode: sites?.mode ?? null,
        siteCount: sites
          ? sites.mode === "clusters"
            ? sites.items.reduce((s, c) => s + c.count, 0)
            : sites.items.length
          : 0,
        loading: false,
        error: null,
        polygons,
      });
    } catch (err) {
      if (n === seq.current) setState((s) => ({ ...s, loading: false, error: err }));
    }
  }, [map]);

  useEffect(() => {
    if (!map) return;
    gridGroup.current.addTo(map);
    siteGroup.current.addTo(map);
    let timer: number | undefined;
    const onMove = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 120);
    };
    map.on("moveend", onMove);
    return () => {
      window.clearTimeout(timer);
      map.off("moveend", onMove);
      gridGroup.current.remove();
      siteGroup.current.remove();
    };
  }, [map, load]);

  // new colouring or site filters: reload the current view
  const { color, siteKind, riskLevel, showSites } = opts;
  useEffect(() => {
    if (map && (color || siteKind || riskLevel || showSites !== undefined)) load();
  }, [map, load, color, siteKind, riskLevel, showSites]);

  return { ...state, reload: load };
}
