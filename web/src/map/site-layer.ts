import L from "leaflet";
import { type RiskLevel, riskLevelColor, riskLevels, type SiteKind } from "../../../domain/site/site-kinds";
import type { MapSites, SiteCluster, SitePoint } from "../api/grids";

/** One character per site kind, drawn in its marker (企 铺 坊 娱 户 他). */
export const siteKindGlyph: Record<SiteKind, string> = {
  enterprise: "企",
  small_shop: "铺",
  small_workshop: "坊",
  small_entertainment: "娱",
  household: "户",
  other: "他",
};

export const unratedColor = "#8c8c8c";

export const riskColor = (risk: RiskLevel | null | undefined) => (risk ? riskLevelColor[risk] : unratedColor);

/** The conic-gradient pie of a cluster's risk mix, highest risk first. */
export function riskPie(byRisk: SiteCluster["byRisk"]): string {
  const parts: [string, number][] = [
    ...riskLevels.map((r) => [riskLevelColor[r], byRisk[r] ?? 0] as [string, number]),
    [unratedColor, byRisk.unrated ?? 0],
  ];
  const total = parts.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return unratedColor;
  let at = 0;
  const stops = parts
    .filter(([, n]) => n > 0)
    .map(([colour, n]) => {
      const from = at;
      at += (n / total) * 100;
      return `${colour} ${from.toFixed(1)}% ${at.toFixed(1)}%`;
    });
  return `conic-gradient(${stops.join(", ")})`;
}

export interface SiteLayerHandlers {
  onSite: (point: SitePoint) => void;
  clusterLabel: (cluster: SiteCluster) => string;
}

/** A cluster of one site is drawn as that site (its kind and risk are known), not as a "1" bubble. */
function singleIcon(c: SiteCluster): L.DivIcon | null {
  if (c.count !== 1) return null;
  const kind = (Object.keys(c.byKind) as SiteKind[]).find((k) => c.byKind[k] === 1);
  const risk = riskLevels.find((r) => c.byRisk[r] === 1) ?? null;
  if (!kind) return null;
  return pointIcon({ id: "", name: "", kind, riskLevel: risk, lon: c.lon, lat: c.lat, gridId: null });
}

function clusterIcon(c: SiteCluster): L.DivIcon {
  const size = Math.round(20 + Math.min(20, Math.log10(c.count + 1) * 8));
  const text = c.count >= 10000 ? `${Math.round(c.count / 1000)}k` : String(c.count);
  return L.divIcon({
    className: "sg-cluster-icon",
    iconSize: [size, size],
    html: `<div class="sg-cluster" style="width:${size}px;height:${size}px;background:${riskPie(c.byRisk)}"><span>${text}</span></div>`,
  });
}

function pointIcon(p: SitePoint): L.DivIcon {
  return L.divIcon({
    className: "sg-site-icon",
    iconSize: [22, 22],
    html: `<div class="sg-site sg-site-${p.kind}" style="background:${riskColor(p.riskLevel)}"><span>${siteKindGlyph[p.kind] ?? "?"}</span></div>`,
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Draws one answer of `GET /map/sites` into `group` (cleared first). Clusters are pies of their risk
 * mix with the count; a click zooms in. Points are shaped and lettered by kind, filled by risk colour.
 */
export function renderSiteLayer(
  map: L.Map,
  group: L.LayerGroup,
  sites: MapSites,
  handlers: SiteLayerHandlers,
): void {
  group.clearLayers();
  if (sites.mode === "clusters") {
    for (const c of sites.items) {
      const marker = L.marker([c.lat, c.lon], { icon: singleIcon(c) ?? clusterIcon(c), keyboard: false });
      marker.bindTooltip(escapeHtml(handlers.clusterLabel(c)), { direction: "top" });
      marker.on("click", () => map.setView([c.lat, c.lon], Math.min(18, map.getZoom() + 2)));
      group.addLayer(marker);
    }
    return;
  }
  for (const p of sites.items) {
    const marker = L.marker([p.lat, p.lon], { icon: pointIcon(p), keyboard: false, title: p.name });
    marker.bindTooltip(escapeHtml(p.name), { direction: "top", offset: [0, -8] });
    marker.on("click", () => handlers.onSite(p));
    group.addLayer(marker);
  }
}
