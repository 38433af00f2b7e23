import { t } from "../i18n/i18n";
export interface LngLat {
  lng: number;
  lat: number;
}
export interface PhoneLocation extends LngLat {
  accuracy?: number;
}

/** Great-circle distance in metres. */
export function distanceM(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export function formatDistance(m: number): string {
  return m < 1000 ? t("geo.m", { n: Math.round(m) }) : t("geo.km", { n: (m / 1000).toFixed(1) });
}

/** The phone's position (WGS-84), or a plain-Chinese reason why not. */
export function currentPosition(timeoutMs = 15_000): Promise<PhoneLocation> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject(new Error(t("geo.unsupported")));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lng: Number(p.coords.longitude.toFixed(6)),
          lat: Number(p.coords.latitude.toFixed(6)),
          accuracy: Math.round(p.coords.accuracy),
        }),
      (err) => reject(new Error(err.code === err.PERMISSION_DENIED ? t("geo.denied") : t("geo.unavailable"))),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** Ray casting: is the point inside this ring ([lng, lat] pairs)? */
function inRing(p: LngLat, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Polygon (outer ring minus holes) or MultiPolygon containment. */
export function inGeometry(
  p: LngLat,
  g:
    | { type: "Polygon"; coordinates: number[][][] }
    | { type: "MultiPolygon"; coordinates: number[][][][] }
    | null,
): boolean {
  if (!g) return false;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}
