import type { Crs } from "../../../domain/geo/coordinates";
import type { Areal, BBox } from "../../../domain/geo/geometry";
import type { GeometryProblemCode } from "../../../domain/geo/geometry-problem";
import type { RegionFeatureProps } from "../../../domain/geo/map-features";
import type { Employment, GridKind, ImportMode } from "../../../domain/schemas/grid-schemas";
import type { RiskLevel, SiteKind } from "../../../domain/site/site-kinds";
import { api, queryString, request } from "./client";
import { postForm } from "./file-transfer";
import type { RowError } from "./sites";

export type Person = { name: string; phone: string | null };

/** A geometry problem the server found, with where it is ([lon, lat]). */
export interface Problem {
  code: GeometryProblemCode;
  message: string;
  location: [number, number];
  part?: number;
  ring?: number;
  grids?: string[];
  areaM2?: number;
}

export interface GridAbilities {
  update: boolean;
  staff: boolean;
  split: boolean;
  merge: boolean;
  retire: boolean;
}

export interface GridSummary {
  id: string;
  code: string;
  name: string;
  kind: GridKind;
  kindLabel: string;
  status: "active" | "retired";
  regionCode: string;
  townshipCode: string;
  townshipName: string | null;
  villageCodes: string[];
  areaKm2: number;
  workerCount: number;
  siteCount: number;
  supervisionOfficer: Person | null;
  contactLeader: Person | null;
  version: number;
  abilities: GridAbilities;
}

export interface GridWorker {
  userId: string;
  displayName: string;
  phone: string | null;
  employment: Employment;
}

export interface Grid extends GridSummary {
  geometry: Areal;
  bbox: BBox;
  workers: GridWorker[];
  villages: { code: string; name: string }[];
  createdAt: string;
  updatedAt: string;
  warnings?: Problem[];
}

export interface GridFilter {
  region?: string;
  kind?: GridKind;
  status?: "active" | "retired";
  staffed?: "true" | "false";
  mine?: "true";
  q?: string;
}

export interface GridInput {
  regionCode: string;
  name: string;
  kind: GridKind;
  villageCodes?: string[];
  geometry: Areal;
  supervisionOfficer?: Person | null;
  contactLeader?: Person | null;
  code?: string;
}

export interface GridWorkerCandidate {
  id: string;
  displayName: string;
  phone: string | null;
  regionCode: string;
  grids: { id: string; code: string; name: string; employment: Employment }[];
}

const id = (v: string) => encodeURIComponent(v);

export const fetchGrids = (filter: GridFilter & { page: number; pageSize: number }) =>
  api.get<{ items: GridSummary[]; total: number; abilities: { create: boolean; import: boolean } }>(
    `/grids${queryString({ ...filter })}`,
  );
export const fetchGrid = (gridId: string) => api.get<Grid>(`/grids/${id(gridId)}`);
export const createGrid = (input: GridInput) => api.post<Grid>("/grids", input);
export const updateGrid = (gridId: string, input: Partial<Omit<GridInput, "code">> & { version: number }) =>
  api.patch<Grid>(`/grids/${id(gridId)}`, input);
export const validateGrid = (input: { geometry: Areal; regionCode: string; excludeId?: string }) =>
  api.post<{ errors: Problem[]; warnings: Problem[] }>("/grids/validate", input);
export const splitPreview = (gridId: string, parts: number) =>
  api.post<{ pieces: Areal[] }>(`/grids/${id(gridId)}/split-preview`, { parts });
export const splitGrid = (gridId: string, version: number, pieces: { name: string; geometry: Areal }[]) =>
  api.post<{ grids: Grid[] }>(`/grids/${id(gridId)}/split`, { version, pieces });
export const mergeGrids = (ids: string[], name: string, kind?: GridKind) =>
  api.post<Grid>("/grids/merge", { ids, name, kind });
export const setGridWorkers = (gridId: string, workers: { userId: string; employment: Employment }[]) =>
  request<Grid>("PUT", `/grids/${id(gridId)}/workers`, { workers });
export const fetchGridWorkers = (filter: { region?: string; q?: string; page?: number; pageSize?: number }) =>
  api.get<{ items: GridWorkerCandidate[]; total: number }>(
    `/grid-workers${queryString({ page: 1, pageSize: 50, ...filter })}`,
  );
export const fetchGridProblems = (region: string) =>
  api.get<{
    overlaps: Problem[];
    gaps: { uncoveredShare: number; problems: Problem[] };
    outsideBoundary: Problem[];
    checkedGrids: number;
  }>(`/grids/problems${queryString({ region })}`);

// ---- grid layer import (GeoJSON / zipped Shapefile) ----

export interface GridImportInspection {
  format: string;
  features: number;
  /** Count per geometry type, e.g. { Polygon: 12, MultiPolygon: 1 }. */
  geometryTypes: Record<string, number>;
  fields: string[];
  sample: Record<string, unknown>[];
  crs: string | null;
}

export interface GridImportMapping {
  code?: string;
  name: string;
  kind?: string;
  regionCode?: string;
  villageCodes?: string;
}

export interface GridImportResult {
  mode: ImportMode;
  features: number;
  imported: number;
  rejected: number;
  errors: RowError[];
  /** Not blocking: overlaps with other grids, vertices outside the county boundary. */
  warnings: Problem[];
  grids: GridSummary[];
}

export const inspectGridImport = (file: File) => {
  const form = new FormData();
  form.set("file", file);
  return postForm<GridImportInspection>("/grids/import/inspect", form);
};

export const importGrids = (
  file: File,
  opts: {
    mapping: GridImportMapping;
    regionCode?: string;
    defaultKind: GridKind;
    mode: ImportMode;
    crs: Crs;
  },
) => {
  const form = new FormData();
  form.set("mapping", JSON.stringify(opts.mapping));
  if (opts.regionCode) form.set("regionCode", opts.regionCode);
  form.set("defaultKind", opts.defaultKind);
  form.set("mode", opts.mode);
  form.set("crs", opts.crs);
  form.set("file", file);
  return postForm<GridImportResult>("/grids/import", form);
};

// ---- the grid map ----

type Feature<G, P> = { type: "Feature"; geometry: G; properties: P };
type FeatureCollection<G, P> = { type: "FeatureCollection"; features: Feature<G, P>[] };

export type { RegionFeatureProps };

export interface GridFeatureProps {
  id: string;
  code: string;
  name: string;
  kind: GridKind;
  kindLabel?: string;
  workerCount: number;
  siteCount: number;
  /** Sites without worker or department. */
  unassigned?: number;
  workers: string[];
  supervisionOfficer: string | null;
  contactLeader: string | null;
  workload: number;
  ratio: number | null;
  status: "over" | "under" | "balanced";
  color: string;
}

type PointGeometry = { type: "Point"; coordinates: [number, number] };

/**
 * What `/map/grids` answers for a view: county outlines (zoom < 8), township points (a view with more than
 * 5,000 grids), or the grids themselves with simplified geometry.
 */
export type MapLayer =
  | {
      mode: "regions";
      level: "county" | "township";
      count: number;
      features: FeatureCollection<Areal | PointGeometry, RegionFeatureProps>;
    }
  | { mode: "grids"; count: number; features: FeatureCollection<Areal, GridFeatureProps> };

export interface SiteCluster {
  lon: number;
  lat: number;
  count: number;
  byKind: Partial<Record<SiteKind, number>>;
  byRisk: Partial<Record<RiskLevel | "unrated", number>>;
}
export interface SitePoint {
  id: string;
  name: string;
  kind: SiteKind;
  riskLevel: RiskLevel | null;
  lon: number;
  lat: number;
  gridId: string | null;
}
export type MapSites =
  | { mode: "clusters"; items: SiteCluster[]; truncated?: boolean }
  | { mode: "points"; items: SitePoint[]; truncated?: boolean };

export type MapColor = "coverage" | "workload";

const bboxParam = (b: BBox) => b.map((v) => v.toFixed(5)).join(",");

export const fetchMapGrids = (bbox: BBox, zoom: number, color: MapColor) =>
  api.get<MapLayer>(`/map/grids${queryString({ bbox: bboxParam(bbox), zoom, color })}`);
export const fetchMapSites = (bbox: BBox, zoom: number, filter: { kind?: SiteKind; riskLevel?: RiskLevel }) =>
  api.get<MapSites>(`/map/sites${queryString({ bbox: bboxParam(bbox), zoom, ...filter })}`);
export const fetchBoundary = (code: string) =>
  api.get<{ type: string } & Record<string, unknown>>(`/regions/${id(code)}/boundary`);
