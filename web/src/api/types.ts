import type { Role } from "../../../domain/auth/roles";
import type { BaseMapSettings } from "../../../domain/geo/base-map-settings";
import type { RegionLevel } from "../../../domain/region/region-code";

/** Console sections the server may list in `nav`. */
export type NavSection =
  | "dashboard"
  | "statistics"
  | "regions"
  | "departments"
  | "routing"
  | "case_categories"
  | "users"
  | "trail"
  | "security_log"
  | "grids"
  | "sites"
  | "coverage"
  | "cases"
  | "checklists"
  | "deliveries"
  | "patrols"
  | "task_records"
  | "task_kinds"
  | "trainings"
  | "assessment"
  | "tips"
  | "handbook"
  | "tip_rewards"
  | "tip_clients"
  | "tip_category_map"
  | "tip_reward_rules"
  | "industry_synonyms"
  | "pay"
  | "my_pay"
  | "providers"
  | "engaged";

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: string[];
  departmentId: string | null;
  departmentName: string | null;
  status: "active" | "disabled";
  phone: string | null;
  lastLoginAt: string | null;
  /** A grid worker's duty-card photo is on file. */
  hasPhoto?: boolean;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  childCount: number;
}

export interface RegionDetail {
  region: Region;
  ancestors: Region[];
  children: Region[];
}

export type GridRole = "lead" | "cooperating" | "none";

export interface Department {
  id: string;
  regionCode: string;
  name: string;
  kind: string;
  kindLabel: string;
  gridRole: GridRole;
  status: "active" | "inactive";
  abilities: { update: boolean };
}

export interface DepartmentKind {
  kind: string;
  zh: string;
  en: string;
}

export interface RoutingRule {
  id: string;
  regionPrefix: string;
  industryPrefix: string | null;
  siteKind: string | null;
  departmentKind: string;
  priority: number;
  note: string;
  /** Whether the signed-in user may edit or delete this rule (the server's policy). */
  abilities: { update: boolean };
}

export interface TrailVerification {
  ok: boolean;
  checked: number;
  firstBroken: { id: string; reason: string } | null;
}

export interface Me {
  user: User;
  nav: string[];
  /** `full`, or half signed in: a second factor to give (`mfa_verify`) or to enrol first (`mfa_enrol`). */
  stage: "full" | "mfa_verify" | "mfa_enrol";
  /** "reset" / "created" while the password must be changed before anything else. */
  passwordChangeRequired: string | null;
  twoFactor: { enrolled: boolean; required: boolean };
  /** The base map configured on the server (absent from older servers: offline). */
  baseMap?: BaseMapSettings;
}
