/**
 * Roles of SafeGrid users. The scope of every role is a set of region-code prefixes. The three
 * administrators are separate (三员分立): `system_admin` (users, configuration), `security_admin` (roles,
 * scopes, lockouts, two-factor policy) and `auditor` (the audit administrator: reads the trail and the
 * security log, nothing else). An account holds exactly one role.
 */
export const roles = [
  "province_office",
  "city_office",
  "county_office",
  "lead_department",
  "cooperating_department",
  "township_station",
  "grid_worker",
  "committee_member",
  "service_provider",
  "auditor",
  "security_admin",
  "system_admin",
  "tip_officer",
  "finance",
] as const;

export type Role = (typeof roles)[number];

export const roleLabel: Record<Role, { zh: string; en: string }> = {
  province_office: { zh: "省安委办", en: "Provincial safety office" },
  city_office: { zh: "市州安委办", en: "City safety office" },
  county_office: { zh: "县区安委办", en: "County safety office" },
  lead_department: { zh: "牵头部门", en: "Lead department" },
  cooperating_department: { zh: "配合部门", en: "Cooperating department" },
  township_station: { zh: "乡镇安监站", en: "Township safety station" },
  grid_worker: { zh: "网格员", en: "Grid worker" },
  committee_member: { zh: "村/居委会成员", en: "Committee member" },
  service_provider: { zh: "第三方服务机构", en: "Service provider" },
  auditor: { zh: "安全审计员", en: "Audit administrator" },
  security_admin: { zh: "安全管理员", en: "Security administrator" },
  system_admin: { zh: "系统管理员", en: "System administrator" },
  tip_officer: { zh: "举报受理专员", en: "Tip officer" },
  finance: { zh: "财务人员", en: "Finance" },
};

/** Region level a role's scope is normally drawn at (the length of its scope prefixes). */
export const roleScopeLength: Record<Role, number[]> = {
  province_office: [2],
  city_office: [4],
  county_office: [6],
  lead_department: [6],
  cooperating_department: [6],
  township_station: [9],
  grid_worker: [9, 12],
  committee_member: [12],
  service_provider: [2, 4, 6],
  auditor: [2, 4, 6],
  security_admin: [2, 4, 6],
  system_admin: [2, 4, 6],
  tip_officer: [6],
  finance: [6],
};

/** Roles that need a department. */
export const departmentRoles: Role[] = ["lead_department", "cooperating_department"];

/** Which roles an administrator (or office) may create: never a role wider than their own. */
export const officeRoles: Role[] = ["province_office", "city_office", "county_office"];
