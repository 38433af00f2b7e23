import type L from "leaflet";
import { type RefObject, useEffect, useState } from "react";
import { fetchGrid, fetchGrids } from "../api/grids";
import { useI18n } from "../i18n/i18n-context";
import { scopeCounties } from "../pages/grids/use-boundary";
import { useSignedIn } from "../session/session-context";
import { createBaseMap } from "./base-map";
import { baseMapSettingsNow } from "./base-map-settings-store";
import { OfflineBase, type OfflineBaseOptions } from "./offline-base";
import "./map.css";

/** Creates the Leaflet map in `ref`'s element once, on the configured base; removes it on unmount. */
export function useLeafletMap(ref: RefObject<HTMLDivElement | null>, options?: L.MapOptions): L.Map | null {
  const { t } = useI18n();
  const [map, setMap] = useState<L.Map | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once per element
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const created = createBaseMap(
      el,
      baseMapSettingsNow(),
      {
        vector: t("basemap.vector"),
        imagery: t("basemap.imagery"),
        tiles: t("basemap.tiles"),
        offline: t("basemap.offline"),
        fallback: t("basemap.fallback"),
      },
      options,
    );
    setMap(created);
    // the view as data-view="lng,lat,zoom" (what a test or a support person reads to know where the map is)
    const showView = () => {
      const c = created.getCenter();
      el.dataset.view = `${c.lng.toFixed(5)},${c.lat.toFixed(5)},${created.getZoom()}`;
    };
    created.on("moveend zoomend", showView);
    created.whenReady(showView);
    // the container may get its final size after layout: let Leaflet measure again
    const observer = new ResizeObserver(() => created.invalidateSize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      created.off("moveend zoomend", showView);
      created.remove();
      setMap(null);
    };
  }, [ref]);
  return map;
}

/**
 * The offline base over `map` (county and township outlines, grid and site names, the grid worker's own
 * grids in blue). `onMine` receives the worker's own grids once known (the grid map zooms to them).
 */
export function useOfflineBase(
  map: L.Map | null,
  opts: Omit<OfflineBaseOptions, "counties" | "myGridIds">,
  onMine?: (grids: { id: string; bbox: [number, number, number, number] }[]) => void,
): OfflineBase | null {
  const { user } = useSignedIn();
  const [base, setBase] = useState<OfflineBase | null>(null);
  const scopeKey = user.scope.join(",");
  const isWorker = user.role === "grid_worker";
  // biome-ignore lint/correctness/useExhaustiveDependencies: one base per map and scope
  useEffect(() => {
    if (!map) return;
    const b = new OfflineBase(map, { ...opts, counties: scopeCounties(scopeKey ? scopeKey.split(",") : []) });
    setBase(b);
    let alive = true;
    if (isWorker)
      fetchGrids({ page: 1, pageSize: 200, mine: "true" })
        .then(async (r) => {
          if (!alive) return;
          b.setMyGrids(new Set(r.items.map((g) => g.id)));
          if (!onMine) return;
          const full = await Promise.all(r.items.slice(0, 20).map((g) => fetchGrid(g.id)));
          if (alive) onMine(full.map((g) => ({ id: g.id, bbox: g.bbox })));
        })
        .catch(() => undefined);
    return () => {
      alive = false;
      b.remove();
      setBase(null);
    };
  }, [map, scopeKey, isWorker, opts.highlightCode]);
  return base;
}
