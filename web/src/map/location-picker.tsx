import { Button, Space, Typography } from "antd";
import L from "leaflet";
import { useEffect, useRef } from "react";
import { useI18n } from "../i18n/i18n-context";
import { useBoundary } from "../pages/grids/use-boundary";
import { HereButton, SystemCoordinates } from "./coordinate-inputs";
import { flyToBox, useFlyToRegion } from "./fly-to-region";
import { BaseLegendItems } from "./map-legend";
import { PlaceSearch } from "./place-search";
import { useLeafletMap, useOfflineBase } from "./use-leaflet-map";

export interface PickedLocation {
  lng: number;
  lat: number;
  /** Metres, when the point came from the device's position. */
  accuracy?: number;
}

const round6 = (n: number) => Number(n.toFixed(6));
const pinIcon = L.divIcon({
  className: "sg-pin-icon",
  iconSize: [26, 34],
  iconAnchor: [13, 33],
  html: '<div class="sg-pin"></div>',
});

/**
 * Location by pointing (issue 11): click the map or drag the pin, search a site or a region name, use the
 * device's position (with its accuracy), or type coordinates in WGS84, GCJ-02 or BD-09 with the system
 * named. `onChange` always receives WGS84 (what the platform stores).
 */
export function LocationPicker(props: {
  value?: PickedLocation | null;
  onChange: (v: PickedLocation | null) => void;
  /** Other points to show for orientation (e.g. the chosen site). */
  context?: { lng: number; lat: number; label: string }[];
  /** The region the user chose in the form: the map goes there (its boundary, else its grids). */
  region?: string | null;
  height?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(el, { doubleClickZoom: true });
  const base = useOfflineBase(map, { autoFetch: true, gridOutlines: true, countyOutlines: false });
  useBoundary(map, !props.value);
  useFlyToRegion(map, props.region);
  const layer = useRef(L.layerGroup());
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const v = props.value;

  // click on the map: the pin goes there
  useEffect(() => {
    if (!map) return;
    layer.current.addTo(map);
    const onClick = (e: L.LeafletMouseEvent) =>
      onChange.current({ lng: round6(e.latlng.lng), lat: round6(e.latlng.lat) });
    map.on("click", onClick);
    return () => {
      map.off("click", onClick);
      layer.current.remove();
    };
  }, [map]);

  const key = `${v?.lng},${v?.lat},${v?.accuracy}`;
  const contextKey = JSON.stringify(props.context ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the point or the context changes
  useEffect(() => {
    if (!map) return;
    const group = layer.current;
    group.clearLayers();
    for (const c of props.context ?? [])
      L.circleMarker([c.lat, c.lng], {
        radius: 8,
        color: "#fff",
        weight: 2,
        fillColor: "#1554ad",
        fillOpacity: 0.95,
      })
        .bindTooltip(c.label, { direction: "top" })
        .addTo(group);
    if (v) {
      if (v.accuracy)
        L.circle([v.lat, v.lng], {
          radius: v.accuracy,
          color: "#cf1322",
          weight: 1,
          fillOpacity: 0.08,
          interactive: false,
        }).addTo(group);
      const pin = L.marker([v.lat, v.lng], {
        icon: pinIcon,
        draggable: true,
        autoPan: true,
        title: t("basemap.pin"),
      });
      pin.on("dragend", () => {
        const p = pin.getLatLng();
        onChange.current({ lng: round6(p.lng), lat: round6(p.lat) });
      });
      pin.addTo(group);
      if (!map.getBounds().pad(-0.1).contains([v.lat, v.lng]))
        map.setView([v.lat, v.lng], Math.max(map.getZoom(), 16));
    } else if (props.context?.[0]) map.setView([props.context[0].lat, props.context[0].lng], 16);
    base?.avoid([...(props.context ?? []), ...(v ? [v] : [])]);
  }, [map, key, contextKey, base]);

  return (
    <div className="sg-picker" data-testid={props.testId ?? "location-picker"}>
      <PlaceSearch
        onPlace={(p) => {
          if (!map) return;
          if (p.kind === "point") {
            map.setView([p.lat, p.lng], 17);
            onChange.current({ lng: p.lng, lat: p.lat });
          } else flyToBox(map, p.bbox);
        }}
      />
      <div
        ref={el}
        className="sg-map sg-picker-map"
        style={{ height: props.height ?? 280, minHeight: 0, cursor: "crosshair" }}
        data-testid="picker-map"
      />
      <div className="sg-map-legend" style={{ marginTop: 4 }}>
        <span>
          <i className="sg-legend-pin" />
          {t("basemap.pin")}
        </span>
        <span>
          <i className="sg-legend-line sg-legend-grid" />
          {t("basemap.grid")}
        </span>
        <BaseLegendItems />
      </div>
      <Space wrap style={{ marginTop: 6 }}>
        <SystemCoordinates
          testIdPrefix="picker"
          width={140}
          value={v ? { lng: v.lng, lat: v.lat } : null}
          onChange={(p) => onChange.current(p)}
        />
        <HereButton onFix={(p) => onChange.current(p)} />
        {v && <Button onClick={() => onChange.current(null)}>{t("location.clear")}</Button>}
      </Space>
      <Typography.Text
        type="secondary"
        style={{ display: "block", fontSize: 12 }}
        data-testid="picker-stored"
      >
        {v
          ? `${t("locate.stored", { lng: v.lng.toFixed(6), lat: v.lat.toFixed(6) })}${v.accuracy ? ` · ${t("locate.accuracy", { m: v.accuracy })}` : ""}`
          : `${t("locate.pickHint")}；${t("locate.crsHint")}`}
      </Typography.Text>
    </div>
  );
}
