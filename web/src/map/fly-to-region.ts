import type L from "leaflet";
import { useEffect } from "react";
import type { BBox } from "../../../domain/geo/geometry";
import { fetchRegionExtent } from "../api/regions";
import { boundsOf } from "./base-map";

/** Moves the map, animated, to show a [minLon, minLat, maxLon, maxLat] box (never closer than zoom 16). */
export function flyToBox(map: L.Map, box: BBox): void {
  map.flyToBounds(boundsOf(box), { maxZoom: 16, padding: [16, 16], duration: 0.6 });
}

/**
 * Moves `map` to region `code` each time it becomes another region (issue 11: choosing 城关镇 in a form
 * shows 城关镇 on the form's map): its boundary's box, else its grids' (`GET /regions/:code/extent`).
 * Callers pass the region the user chose, not the one an edit form opens with (the map shows the point).
 */
export function useFlyToRegion(map: L.Map | null, code: string | null | undefined): void {
  useEffect(() => {
    if (!map || !code) return;
    let alive = true;
    fetchRegionExtent(code).then((extent) => {
      if (alive && extent) flyToBox(map, extent.bbox);
    });
    return () => {
      alive = false;
    };
  }, [map, code]);
}
