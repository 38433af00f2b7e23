import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { GeoPoint } from "../../../../domain/case/case-types";
import { flyToBox, useFlyToRegion } from "../../map/fly-to-region";
import { PlaceSearch } from "../../map/place-search";
import { useLeafletMap, useOfflineBase } from "../../map/use-leaflet-map";

export interface MapPoint extends GeoPoint {
  colour: string;
  label: string;
  /** Metres: drawn as a circle around the point (the device's accuracy). */
  accuracy?: number;
  /** Draw a dashed line from the first point (the site) to this one. */
  linkToFirst?: boolean;
}

interface CaseMapProps {
  points: MapPoint[];
  /** When set, a click on the map picks a location. */
  onPick?: (point: GeoPoint) => void;
  /** Where to look when there is no point yet. */
  center?: GeoPoint;
  /** The case's grid, outlined in blue with its name. */
  gridCode?: string | null;
  /** A region chosen in a form: the map goes there (its boundary, else its grids). */
  focusRegion?: string | null;
  /** A place search above the map (register sites, region names): the map goes to the place found. */
  search?: boolean;
  className?: string;
  "data-testid"?: string;
}

const round = (n: number) => Number(n.toFixed(6));
const pinIcon = L.divIcon({
  className: "sg-pin-icon",
  iconSize: [26, 34],
  iconAnchor: [13, 33],
  html: '<div class="sg-pin"></div>',
});

/**
 * A small Leaflet map without a base layer (works offline): the site or reported place, and where the
 * feedback and re-check were made, with dashed lines from the site so a far-away re-check is visible.
 */
export function CaseMap({
  points,
  onPick,
  center,
  className,
  gridCode,
  focusRegion,
  search,
  ...props
}: CaseMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const leaflet = useLeafletMap(box, { minZoom: 3, maxZoom: 19, doubleClickZoom: true });
  // the base: county and township outlines, the grids around with their names, the case's grid in blue
  const base = useOfflineBase(leaflet, {
    autoFetch: true,
    gridOutlines: true,
    countyOutlines: true,
    highlightCode: gridCode,
  });
  const map = useRef<L.Map | null>(null);
  map.current = leaflet;
  useFlyToRegion(leaflet, focusRegion);
  const layer = useRef<L.LayerGroup>(L.layerGroup());
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!leaflet) return;
    layer.current.addTo(leaflet);
    const onClick = (e: L.LeafletMouseEvent) =>
      pick.current?.({ lng: round(e.latlng.lng), lat: round(e.latlng.lat) });
    leaflet.on("click", onClick);
    return () => {
      leaflet.off("click", onClick);
      layer.current.remove();
    };
  }, [leaflet]);

  const key = JSON.stringify(points) + JSON.stringify(center ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the points' content changes (key)
  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const valid = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
    const first = valid[0];
    for (const p of valid) {
      if (p.linkToFirst && first && p !== first)
        L.polyline(
          [
            [first.lat, first.lng],
            [p.lat, p.lng],
          ],
          { color: p.colour, dashArray: "4 6", weight: 2 },
        ).addTo(group);
      if (p.accuracy)
        L.circle([p.lat, p.lng], {
          radius: p.accuracy,
          color: p.colour,
          weight: 1,
          fillOpacity: 0.1,
          interactive: false,
        }).addTo(group);
      if (onPick && p === valid[valid.length - 1]) {
        // the point being marked: a pin that can be dragged
        const pin = L.marker([p.lat, p.lng], { icon: pinIcon, draggable: true, title: p.label });
        pin.on("dragend", () => {
          const at = pin.getLatLng();
          pick.current?.({ lng: round(at.lng), lat: round(at.lat) });
        });
        pin.addTo(group);
        continue;
      }
      L.circleMarker([p.lat, p.lng], {
        radius: p === first ? 9 : 7,
        color: "#fff",
        weight: 2,
        fillColor: p.colour,
        fillOpacity: 0.95,
      })
        .bindTooltip(p.label, { direction: "top", offset: [0, -8] })
        .addTo(group);
    }
    if (valid.length > 1)
      m.fitBounds(L.latLngBounds(valid.map((p) => [p.lat, p.lng] as [number, number])), {
        padding: [48, 48],
        // never closer than a single point's view: the grid's outline and name stay in sight
        maxZoom: 16,
      });
    else if (first) m.setView([first.lat, first.lng], 16);
    else if (center) m.setView([center.lat, center.lng], 12);
    else m.setView([36.06, 103.83], 9);
    setTimeout(() => m.invalidateSize(), 0);
    base?.avoid(valid);
  }, [key, leaflet, base]);

  // a fragment (not a wrapper): the map's element stays the same when the search comes and goes
  return (
    <>
      {search && (
        <PlaceSearch
          style={{ marginBottom: 6 }}
          onPlace={(p) => {
            if (!leaflet) return;
            if (p.kind === "box") return flyToBox(leaflet, p.bbox);
            leaflet.setView([p.lat, p.lng], 17);
            pick.current?.({ lng: p.lng, lat: p.lat });
          }}
        />
      )}
      <div
        ref={box}
        className={`sg-map case-map ${className ?? ""}`}
        data-testid={props["data-testid"]}
        style={onPick ? { cursor: "crosshair" } : undefined}
      />
    </>
  );
}
