import type { Actor } from "./actor";
import type { Role } from "./roles";

/** Console sections, in menu order. Later issues add theirs here. */
export const navSections = [
  "dashboard",
  "regions",
  "grids",
  "sites",
  "coverage",
  "cases",
  "departments",
  "routing",
  "case_categories",
  "users",
  "trail",
  "security_log",
] as const;
export type NavSection = (typeof navSections)[number];

const offices: Role[] = ["province_office", "city_office", "county_office"];
const managers: Role[] = [...offices, "system_admin", "township_station"];

const who: Record<NavSection, (r: Role) => boolean> = {
  dashboard: () => true,
  regions: () => true,
  grids: (r) => r !== "auditor",
  sites: (r) => r !== "auditor",
  coverage: (r) => [...offices, "lead_department", "township_station", "system_admin"].includes(r),
  cases: (r) => r !== "system_admin",
  departments: (r) => [...offices, "system_admin", "lead_department"].includes(r),
  routing: (r) => [...offices, "system_admin", "lead_department"].includes(r),
  // 案件类别与办理时限: the offices (and administrators) configure their region's taxonomy and time limits
  case_categories: (r) => [...offices, "system_admin"].includes(r),
  users: (r) => managers.includes(r) || r === "auditor",
  trail: (r) => ["auditor", "system_admin", ...offices].includes(r),
  // 安全日志 (sign-in failures, lockouts, two-factor events) is read by the audit administrator (三员分立)
  security_log: (r) => r === "auditor",
};

/** The sections the actor's role may open; the console builds its menu from this. */
export function navFor(actor: Pick<Actor, "role">): NavSection[] {
  return navSections.filter((s) => who[s](actor.role));
}
