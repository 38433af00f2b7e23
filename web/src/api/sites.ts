import type { Crs } from "../../../domain/geo/coordinates";
import type { ImportMode } from "../../../domain/schemas/grid-schemas";
import type { RowError, SiteGap, SiteImportResult } from "../../../domain/schemas/site-schemas";
import type { Ownership, RiskLevel, SiteKind, SiteScale, SiteStatus } from "../../../domain/site/site-kinds";
import type { SiteEventLink } from "../../../domain/trail/site-event-kinds";
import { api, queryString } from "./client";
import { downloadFile, postForm } from "./file-transfer";

export type { RowError, SiteImportResult };

export interface SiteAssignment {
  direct: boolean;
  directRule:
    | "flag_large"
    | "flag_high_grade"
    | "flag_high_risk"
    | "state_owned"
    | "state_owned_gas_station"
    | "grid";
  directReason: string | null;
  grid: { id: string; code: string; name: string } | null;
  gridRule: "point_in_polygon" | "outside_grids" | "no_location" | "direct" | "manual";
  gridReason: string;
  worker: { id: string; displayName: string } | null;
  workerRule: "grid_staff" | "no_worker" | "direct" | "manual";
  workerReason: string;
  department: { id: string; name: string } | null;
  departmentRule: "routing" | "no_rule" | "no_department" | "manual";
  departmentRuleId: string | null;
  departmentReason: string;
  overrides: { grid: boolean; worker: boolean; department: boolean; reason: string | null };
}

export interface Site {
  id: string;
  name: string;
  kind: SiteKind;
  kindLabel: string;
  uscc: string | null;
  industryCode: string | null;
  industryLabel: string | null;
  scale: SiteScale | null;
  ownership: Ownership;
  riskLevel: RiskLevel | null;
  flags: { large: boolean | null; highGrade: boolean | null; highRisk: boolean | null };
  regionCode: string;
  regionName: string | null;
  address: string;
  lon: number | null;
  lat: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactsMasked: boolean;
  status: SiteStatus;
  assignment: SiteAssignment;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: { update: boolean; override: boolean; viewContacts: boolean };
}

export interface SiteFilter {
  region?: string;
  kind?: SiteKind;
  riskLevel?: RiskLevel;
  status?: SiteStatus;
  industry?: string;
  gridId?: string;
  q?: string;
  direct?: "true" | "false";
  gap?: SiteGap;
}

export interface SiteInput {
  name: string;
  kind: SiteKind;
  uscc?: string | null;
  industryCode?: string | null;
  scale?: SiteScale | null;
  ownership?: Ownership;
  riskLevel?: RiskLevel | null;
  flags?: { large?: boolean | null; highGrade?: boolean | null; highRisk?: boolean | null };
  regionCode?: string;
  address?: string;
  lon?: number | null;
  lat?: number | null;
  crs?: Crs;
  contactName?: string | null;
  contactPhone?: string | null;
  status?: SiteStatus;
}

export interface SiteEvent {
  id: string;
  at: string;
  action: string;
  actionLabel: string;
  actor: { id: string; displayName: string; role: string } | null;
  summary: string;
  /** What the event is about (the case, the grid, the grid worker), from domain/trail/site-event-kinds.ts. */
  links: SiteEventLink[];
  data: unknown;
}

export interface UsccCheckResult {
  ok: boolean;
  problem?: string;
  message: string;
  suggestion?: string;
  duplicateOf?: { id: string; name: string };
}

type Page = { page: number; pageSize: number };

export const fetchSites = (filter: SiteFilter & Page) =>
  api.get<{ items: Site[]; total: number; abilities: { create: boolean; import: boolean; export: boolean } }>(
    `/sites${queryString({ ...filter })}`,
  );
export const fetchSite = (id: string) => api.get<Site>(`/sites/${encodeURIComponent(id)}`);
export const createSite = (input: SiteInput) => api.post<Site>("/sites", input);
export const updateSite = (id: string, input: Partial<SiteInput> & { version: number }) =>
  api.patch<Site>(`/sites/${encodeURIComponent(id)}`, input);
export const overrideAssignment = (
  id: string,
  input: {
    version: number;
    reason: string;
    gridId?: string | null;
    workerId?: string | null;
    departmentId?: string | null;
    reset?: ("grid" | "worker" | "department")[];
  },
) => api.post<Site>(`/sites/${encodeURIComponent(id)}/assignment`, input);
export const checkUsccRemote = (uscc: string) => api.post<UsccCheckResult>("/sites/check-uscc", { uscc });
export const fetchSiteFile = (id: string) =>
  api.get<{ site: Site; events: SiteEvent[] }>(`/sites/${encodeURIComponent(id)}/file`);

/** The mapping step's answers (issue 11): which sheet, column header → field ("" not imported), constants, industries. */
export interface SiteImportAnswers {
  sheet?: string;
  mapping?: Record<string, string>;
  constants?: Record<string, string>;
  industries?: Record<string, string>;
}

/** What the mapping step shows: the sheet and header row found, each column's field, samples, gaps. */
export interface SiteImportPreview {
  needsSheet: boolean;
  sheets: { name: string; hasData: boolean }[];
  sheet: string | null;
  headerRow: number | null;
  columns: { index: number; header: string; field: string | null; source: "mapping" | "synonym" | null }[];
  samples: string[][];
  rows: number;
  fields: { field: string; label: string; required: boolean }[];
  missing: string[];
  constants: Record<string, string>;
  industries: Record<string, string>;
  unmatchedIndustries: { text: string; rows: number; suggestions: { code: string; label: string }[] }[];
  remembered: boolean;
}

const answerFields = (form: FormData, answers: SiteImportAnswers) => {
  if (answers.sheet) form.set("sheet", answers.sheet);
  for (const key of ["mapping", "constants", "industries"] as const) {
    const value = answers[key];
    if (value) form.set(key, JSON.stringify(value));
  }
};

export const previewSiteImport = (file: File, opts: { region?: string } & SiteImportAnswers) => {
  const form = new FormData();
  if (opts.region) form.set("region", opts.region);
  answerFields(form, opts);
  form.set("file", file);
  return postForm<SiteImportPreview>("/sites/import/preview", form);
};

export const importSites = (
  file: File,
  opts: { mode: ImportMode; crs: Crs; region?: string } & SiteImportAnswers,
) => {
  const form = new FormData();
  form.set("mode", opts.mode);
  form.set("crs", opts.crs);
  if (opts.region) form.set("region", opts.region);
  answerFields(form, opts);
  form.set("file", file);
  return postForm<SiteImportResult>("/sites/import", form);
};
export const downloadSiteTemplate = () => downloadFile("/sites/import/template", "监督管理对象导入模板.xlsx");
export const exportSites = (filter: SiteFilter, reason?: string) =>
  downloadFile(`/sites/export${queryString({ ...filter, reason })}`, "监督管理对象.xlsx");
