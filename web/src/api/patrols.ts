import type { PatrolStatus } from "../../../domain/patrol/patrol-period";
import type { PatrolFrequency, PatrolPlan } from "../../../domain/patrol/patrol-plan";
import type { RegionLevel } from "../../../domain/region/region-code";
import { api, queryString } from "./client";

/** Patrol figures of a region, a grid or a child row: sites to patrol, visited this period, due, overdue. */
export interface PatrolFigures {
  sites: number;
  done: number;
  due: number;
  overdue: number;
  /** Visited this period / sites, 0–100 with one decimal; null without sites. */
  coverage: number | null;
}

export interface MissedSite {
  siteId: string;
  siteName: string;
  kind: string;
  riskLevel: string | null;
  address: string;
  gridId: string | null;
  gridName: string | null;
  frequency: PatrolFrequency;
  dueBy: string;
  status: PatrolStatus;
  lastVisitAt: string | null;
}

export interface PatrolCoverage {
  region: { code: string; name: string; level: RegionLevel } | null;
  grid: { id: string; code: string; name: string; townshipCode: string } | null;
  totals: PatrolFigures;
  children: (PatrolFigures & {
    kind: "region" | "grid";
    code: string;
    gridId: string | null;
    name: string;
  })[];
  missed: { items: MissedSite[]; total: number };
  serverTime: string;
}

export const fetchPatrolCoverage = (q: { region?: string; grid?: string }) =>
  api.get<PatrolCoverage>(`/patrol-coverage${queryString(q)}`);

export interface PatrolPlanView {
  regionCode: string;
  regionName: string;
  plan: PatrolPlan;
  custom: boolean;
  defaults: PatrolPlan;
  updatedBy: string | null;
  updatedAt: string | null;
  abilities: { manage: boolean };
}

export const fetchPatrolPlan = (county: string) =>
  api.get<PatrolPlanView>(`/patrol-plans/${encodeURIComponent(county)}`);
export const updatePatrolPlan = (county: string, plan: PatrolPlan) =>
  api.patch<PatrolPlanView>(`/patrol-plans/${encodeURIComponent(county)}`, plan);

export interface SitePatrol {
  id: string;
  receivedAt: string;
  clientAt: string;
  user: { id: string; displayName: string };
  location: { lng: number; lat: number; accuracy: number | null } | null;
  mock: boolean;
  distanceM: number | null;
  flags: { code: string; label: string }[];
  note: string | null;
  evidenceIds: string[];
}

export const fetchSitePatrols = (siteId: string, page = 1, pageSize = 20) =>
  api.get<{ items: SitePatrol[]; total: number }>(
    `/sites/${encodeURIComponent(siteId)}/patrols${queryString({ page, pageSize })}`,
  );
