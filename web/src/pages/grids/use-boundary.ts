import L from "leaflet";
import { useEffect, useRef } from "react";
import { fetchBoundary } from "../../api/grids";
import { renderBoundary } from "../../map/grid-layer";
import { useSignedIn } from "../../session/session-context";

/** The counties of a scope (at most 8): a county, township or village scope gives its county. */
export function scopeCounties(scope: string[]): string[] {
  return [...new Set(scope.filter((c) => c.length >= 6).map((c) => c.slice(0, 6)))].slice(0, 8);
}

/**
 * Draws the boundary of the user's county (or counties) and, when `fit`, zooms the map to it. Users with
 * a province or city scope start on the province view.
 */
export function useBoundary(map: L.Map | null, fit: boolean): void {
  const { user } = useSignedIn();
  const fitRef = useRef(fit);
  const scopeKey = user.scope.join(",");
  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    let alive = true;
    let pending: (() => void) | null = null;
    const counties = scopeCounties(scopeKey ? scopeKey.split(",") : []);
    Promise.all(counties.map((code) => fetchBoundary(code).catch(() => null))).then((list) => {
      if (!alive) return;
      let bounds: L.LatLngBounds | null = null;
      for (const geojson of list) {
        if (!geojson) continue;
        const b = renderBoundary(group, geojson);
        if (b) bounds = bounds ? bounds.extend(b) : b;
      }
      if (!bounds || !fitRef.current) return;
      const box = bounds;
      const fitView = () => map.fitBounds(box, { padding: [12, 12] });
      // a map not shown yet (a dialog's, rendered hidden) has no size: fitting it then zooms to the
      // closest level; it is fitted once it has its size
      const size = map.getSize();
      if (size.x > 0 && size.y > 0) fitView();
      else {
        pending = fitView;
        map.once("resize", fitView);
      }
    });
    return () => {
      alive = false;
      if (pending) map.off("resize", pending);
      group.remove();
    };
  }, [map, scopeKey]);
}
