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
  /** Set when the next sign-in must change the password: "reset" (by an administrator) or "created". */
  passwordChangeReason?: "reset" | "created" | null;
  /** A temporary password set by an administrator stops working at this time. */
  passwordExpiresAt?: string | null;
  /** TOTP secret, encrypted (server/commands/auth/secret-box.ts); null when not enrolled. */
  totpSecret?: string | null;
  /** Secret offered at enrolment, until confirmed with a code (encrypted). */
  totpPendingSecret?: string | null;
  totpEnrolledAt?: string | null;
  /** The grid worker's ID photo for the duty card: an evidence row (null: no photo). */
  photoEvidenceId?: string | null;
  /** Last accepted TOTP time step: a code of this step or earlier is a replay. */
  totpLastStep?: number | null;
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
  /** "full", or half-authenticated: "mfa_verify" (second factor pending), "mfa_enrol" (must enrol). */
  stage?: SessionStage;
}
export type SessionStage = "full" | "mfa_verify" | "mfa_enrol";
/** Failed sign-ins of one username (known or not) in the current window, and the lock they caused. */
export interface LoginThrottleTable {
  username: string;
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}
/** The security log: failed sign-ins, lockouts, failed second factors, rate-limit hits (not the case trail). */
export interface SecurityEventTable {
  id: Generated<number>;
  at: string;
  kind: string;
  username: string | null;
  userId: string | null;
  ip: string | null;
  regionCode: string | null;
  /** JSON object. */
  detail: string;
}
export interface PasswordHistoryTable {
  id: Generated<number>;
  userId: string;
  passwordHash: string;
  createdAt: string;
}
export interface RecoveryCodeTable {
  id: Generated<number>;
  userId: string;
  codeHash: string;
  usedAt: string | null;
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
  /** The hash chain (county code, a province's or city's code, "" or "legacy"; domain/trail/trail-root.ts). */
  chain: string;
  /** Position in the chain, 1-based. */
  seq: number;
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

export interface TrailChainTable {
  chain: string;
  /** The previous hash of the chain's first row. */
  genesis: string;
  createdAt: string;
}

/** A seal over every chain head: `leaves` is the JSON array of {chain, seq, hash} the root is computed over. */
export interface TrailRootTable {
  id: Generated<number>;
  at: string;
  root: string;
  leaves: string;
}

export interface CoreTables {
  region: RegionTable;
  regionBoundary: RegionBoundaryTable;
  department: DepartmentTable;
  routingRule: RoutingRuleTable;
  appUser: AppUserTable;
  session: SessionTable;
  loginThrottle: LoginThrottleTable;
  securityEvent: SecurityEventTable;
  passwordHistory: PasswordHistoryTable;
  recoveryCode: RecoveryCodeTable;
  event: EventTable;
  jobCursor: JobCursorTable;
  trailAnchor: TrailAnchorTable;
  trailChain: TrailChainTable;
  trailRoot: TrailRootTable;
}
