import type L from "leaflet";
import { type RefObject, useEffect, useState } from "react";
import { createBaseMap, tileSettings } from "./base-map";
import "./map.css";

/** Creates the Leaflet map in `ref`'s element once, removes it on unmount; null until ready. */
export function useLeafletMap(ref: RefObject<HTMLDivElement | null>): L.Map | null {
  const [map, setMap] = useState<L.Map | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const created = createBaseMap(el, tileSettings());
    setMap(created);
    // the container may get its final size after layout: let Leaflet measure again
    const observer = new ResizeObserver(() => created.invalidateSize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      created.remove();
      setMap(null);
    };
  }, [ref]);
  return map;
}
