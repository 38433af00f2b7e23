import type { Generated } from "kysely";

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}
export interface RegionBoundaryTable {
  code: string;
  geojson: string;
  source: string;
  updatedAt: string;
}
export interface DepartmentTable {
  id: string;
  regionCode: string;
  name: string;
  kind: string;
  gridRole: "lead" | "cooperating" | "none";
  status: "active" | "inactive";
  createdAt: string;
  updatedAt: string;
}
export interface RoutingRuleTable {
  id: string;
  regionPrefix: string;
  industryPrefix: string | null;
  siteKind: string | null;
  departmentKind: string;
  priority: number;
  note: string;
  createdAt: string;
  updatedAt: string;
}
export interface AppUserTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  /** JSON array of region-code prefixes. */
  scope: string;
  /** The narrowest region covering the whole scope; list queries filter on it. */
  regionCode: string;
  departmentId: string | null;
  phone: string | null;
  status: "active" | "disabled";
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}
export interface SessionTable {
  id: string;
  userId: string;
  kind: "cookie" | "bearer";
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
}
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  at: string;
  ip: string | null;
}
export interface EventTable {
  id: Generated<number>;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  regionCode: string | null;
  data: string;
  prevHash: string;
  hash: string;
}
export interface JobCursorTable {
  consumer: string;
  lastEventId: number;
  updatedAt: string;
}

export interface TrailAnchorTable {
  eventId: number;
  hash: string;
  at: string;
}

export interface CoreTables {
  region: RegionTable;
  regionBoundary: RegionBoundaryTable;
  department: DepartmentTable;
  routingRule: RoutingRuleTable;
  appUser: AppUserTable;
  session: SessionTable;
  loginFailure: LoginFailureTable;
  event: EventTable;
  jobCursor: JobCursorTable;
  trailAnchor: TrailAnchorTable;
}
