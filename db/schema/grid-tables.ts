/** Grids, their workers and the site register (issue 3). Timestamps ISO text, booleans 0/1, JSON as text. */

export interface GridTable {
  id: string;
  /** 15 digits: the 12-digit statistical code of the village (or township + "000") and a 3-digit sequence. */
  code: string;
  /** The township (9) or village (12) the code was made from; jurisdiction filters use `code`. */
  regionCode: string;
  townshipCode: string;
  name: string;
  kind: string;
  status: "active" | "retired";
  /** JSON array of 12-digit village codes. */
  villageCodes: string;
  /** GeoJSON Polygon or MultiPolygon, WGS84. */
  geojson: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  centerLon: number;
  centerLat: number;
  areaM2: number;
  officerName: string | null;
  officerPhone: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  source: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GridWorkerTable {
  gridId: string;
  userId: string;
  employment: "full_time" | "part_time";
  createdAt: string;
}

export interface SiteTable {
  id: string;
  name: string;
  kind: string;
  uscc: string | null;
  industryCode: string | null;
  scale: string | null;
  ownership: string;
  riskLevel: string | null;
  flagLarge: number | null;
  flagHighGrade: number | null;
  flagHighRisk: number | null;
  regionCode: string;
  address: string;
  lon: number | null;
  lat: number | null;
  contactName: string | null;
  contactPhone: string | null;
  /** 法定代表人 as the county's ledger has it (issue 11); personal data, masked like the contact. */
  legalRepresentative: string | null;
  status: string;
  direct: number;
  directRule: string;
  gridId: string | null;
  gridRule: string;
  gridOverride: number;
  workerId: string | null;
  workerRule: string;
  workerOverride: number;
  departmentId: string | null;
  departmentRule: string;
  departmentRuleId: string | null;
  /** JSON `{ zh, en }`: the routing explanation at the time of assignment. */
  departmentReason: string;
  departmentOverride: number;
  overrideReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Normalised "name\naddress" a register search matches a substring of (domain/site/site-search.ts). */
  searchText: string;
  /** The two-character grams of that text, space-separated: indexed (GIN on PostgreSQL, FTS5 on SQLite). */
  searchGrams: string;
}

/** A site row as commands build it: the search columns are derived when it is written (site-queries.ts). */
export type NewSiteRow = Omit<SiteTable, "searchText" | "searchGrams">;

export interface GridTables {
  grid: GridTable;
  gridWorker: GridWorkerTable;
  site: SiteTable;
}
