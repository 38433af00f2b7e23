/** Patrols (日常巡查, R22) and the county patrol plans. Timestamps ISO text, JSON as text, booleans 0/1. */
export interface PatrolTable {
  /** The phone's outbox id (UUID): the same id again is the same check-in. */
  id: string;
  siteId: string;
  /** The site's region and grid when the check-in arrived. */
  regionCode: string;
  gridId: string | null;
  userId: string;
  /** The phone's time (kept for the record). */
  clientAt: string;
  /** The server's time: what orders patrols and decides the period they count for. */
  receivedAt: string;
  lng: number | null;
  lat: number | null;
  accuracy: number | null;
  mock: number;
  /** Metres from the site's registered point (null without a location on either side). */
  distanceM: number | null;
  /** JSON array of field flags (domain/schemas/field-schemas.ts). */
  flags: string;
  note: string | null;
  /** JSON array of evidence ids. */
  evidenceIds: string;
}

export interface PatrolPlanTable {
  /** The county's 6-digit region code. */
  regionCode: string;
  /** JSON PatrolPlan (domain/patrol/patrol-plan.ts). */
  plan: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** Per site, region and Shanghai year, the days it was patrolled (domain/patrol/patrol-days.ts); kept by a trigger. */
export interface PatrolDayTable {
  regionCode: string;
  siteId: string;
  year: number;
  /** 61 characters of 6 days each as bits (domain/patrol/patrol-days.ts). */
  days: string;
}

/**
 * Per township (the first nine digits of the site's region), kind, risk level ("" unrated) and Shanghai day of
 * registration: the sites that owe patrols (not closed, not directly supervised). Kept by triggers on `site`.
 */
export interface SiteOwingTable {
  regionCode: string;
  kind: string;
  riskLevel: string;
  createdDay: string;
  sites: number;
}

/**
 * Per township, frequency, period (its first Shanghai day), kind and risk level: the owing sites a check-in met
 * in that period, the period begun after the site was registered. Kept by triggers on `patrol` and `site`.
 */
export interface PatrolMetTable {
  regionCode: string;
  frequency: string;
  periodStart: string;
  kind: string;
  riskLevel: string;
  sites: number;
}

export interface PatrolTables {
  patrol: PatrolTable;
  patrolPlan: PatrolPlanTable;
  patrolDay: PatrolDayTable;
  siteOwing: SiteOwingTable;
  patrolMet: PatrolMetTable;
}
