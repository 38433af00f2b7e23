/** The coverage gaps and figures a region's coverage can list row by row (issue 3, R1–R5). */
export const coverageMetrics = [
  "grids_without_worker",
  "grids_without_officer",
  "sites_without_grid",
  "sites_outside_grids",
  "sites_without_location",
  "sites_without_worker",
  "sites_without_department",
  "direct_sites",
  "overlaps",
] as const;
export type CoverageMetric = (typeof coverageMetrics)[number];

/** What kind of row a metric lists. */
export const metricRowKind = (m: CoverageMetric): "grid" | "site" | "problem" =>
  m.startsWith("grids_") ? "grid" : m === "overlaps" ? "problem" : "site";
