import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { GeoPoint } from "../../../../domain/case/case-types";

export interface MapPoint extends GeoPoint {
  colour: string;
  label: string;
  /** Draw a dashed line from the first point (the site) to this one. */
  linkToFirst?: boolean;
}

interface CaseMapProps {
  points: MapPoint[];
  /** When set, a click on the map picks a location. */
  onPick?: (point: GeoPoint) => void;
  /** Where to look when there is no point yet. */
  center?: GeoPoint;
  className?: string;
  "data-testid"?: string;
}

const round = (n: number) => Number(n.toFixed(6));

/**
 * A small Leaflet map without a base layer (works offline): the site or reported place, and where the
 * feedback and re-check were made, with dashed lines from the site so a far-away re-check is visible.
 */
export function CaseMap({ points, onPick, center, className, ...props }: CaseMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 19 });
    L.control.scale({ imperial: false }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    m.on("click", (e: L.LeafletMouseEvent) =>
      pick.current?.({ lng: round(e.latlng.lng), lat: round(e.latlng.lat) }),
    );
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

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
        maxZoom: 19,
      });
    else if (first) m.setView([first.lat, first.lng], 16);
    else if (center) m.setView([center.lat, center.lng], 12);
    else m.setView([36.06, 103.83], 9);
    setTimeout(() => m.invalidateSize(), 0);
  }, [key]);

  return (
    <div
      ref={box}
      className={`case-map ${className ?? ""}`}
      data-testid={props["data-testid"]}
      style={onPick ? { cursor: "crosshair" } : undefined}
    />
  );
}
