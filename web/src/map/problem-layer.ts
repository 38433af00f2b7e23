import L from "leaflet";
import type { Problem } from "../api/grids";

export type ProblemSeverity = "error" | "warning";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A problem the map can place: finite [lon, lat]. */
export const placeable = (p: Problem) =>
  Array.isArray(p.location) && Number.isFinite(p.location[0]) && Number.isFinite(p.location[1]);

/**
 * Puts a numbered marker at each problem's location (red for errors that block a save, amber for
 * warnings) with its message as a label; with up to three problems the labels stay open, with more they
 * show on hover (the list beside the map has them all, numbered alike).
 */
export function renderProblems(
  group: L.LayerGroup,
  problems: { problem: Problem; severity: ProblemSeverity }[],
  openLabels = problems.length <= 3 ? 3 : 0,
): void {
  group.clearLayers();
  problems
    .filter(({ problem }) => placeable(problem))
    .forEach(({ problem, severity }, i) => {
      const [lon, lat] = problem.location;
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({
          className: "sg-problem-icon",
          iconSize: [22, 22],
          html: `<div class="sg-problem sg-problem-${severity}" data-testid="map-problem">${i + 1}</div>`,
        }),
        zIndexOffset: 1000,
      });
      marker.bindTooltip(escapeHtml(`${i + 1}. ${problem.message}`), {
        permanent: i < openLabels,
        direction: "right",
        offset: [10, 0],
        className: `sg-problem-label sg-problem-label-${severity}`,
      });
      group.addLayer(marker);
    });
}

/** Bounds around the placeable problems, or null. */
export function problemBounds(problems: Problem[]): L.LatLngBounds | null {
  const pts = problems.filter(placeable).map((p) => L.latLng(p.location[1], p.location[0]));
  return pts.length ? L.latLngBounds(pts) : null;
}
