import type { CaseTally } from "../../domain/indicators/case-tally";

/** One rollup row (issue 13.2): a region prefix × day or month × dimension value, with every counter. */
export interface CaseTallyTable extends CaseTally {
  regionCode: string;
  /** Length of the region code: 6 county, 9 township (a province or city is the sum of its counties). */
  level: number;
  /** `d` (period YYYY-MM-DD) or `m` (period YYYY-MM), Shanghai dates. */
  grain: string;
  period: string;
  /** "" for the whole region, else category | type | source. */
  dim: string;
  dimValue: string;
}

/**
 * The register's coverage counts of one site region (sites not closed), kept by triggers on `site`
 * (migration 202612111000-dashboard-scale).
 */
export interface SiteTallyTable {
  regionCode: string;
  sites: number;
  direct: number;
  noGrid: number;
  outsideGrids: number;
  noLocation: number;
  noWorker: number;
  noDepartment: number;
}

/** A province's or city's reported and closed of a settled day (migration 202612141010-case-day-total). */
export interface CaseDayTotalTable {
  day: string;
  regionCode: string;
  reported: number;
  closed: number;
}

export interface TallyTables {
  caseTally: CaseTallyTable;
  caseDayTotal: CaseDayTotalTable;
  siteTally: SiteTallyTable;
}
