import { randomInt } from "node:crypto";
import type { Role } from "../../domain/auth/roles";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Scope as region codes; `county`, `township` and `village` are filled in from the demo county. */
  scope: (place: DemoPlaces) => string[];
  departmentKind?: string;
}

export interface DemoPlaces {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
}

/** One account per role, named after what they do in the demo county. */
export const demoAccounts: DemoAccount[] = [
  { username: "admin", displayName: "系统管理员", role: "system_admin", scope: (p) => [p.province] },
  {
    username: "province",
    displayName: "省安委办 王主任",
    role: "province_office",
    scope: (p) => [p.province],
  },
  { username: "city", displayName: "市安委办 李科长", role: "city_office", scope: (p) => [p.city] },
  { username: "county", displayName: "县安委办 张主任", role: "county_office", scope: (p) => [p.county] },
  {
    username: "lead",
    displayName: "应急管理局 赵股长",
    role: "lead_department",
    scope: (p) => [p.county],
    departmentKind: "emergency",
  },
  {
    username: "market",
    displayName: "市场监管局 钱科员",
    role: "cooperating_department",
    scope: (p) => [p.county],
    departmentKind: "market",
  },
  {
    username: "station",
    displayName: "乡镇安监站 孙站长",
    role: "township_station",
    scope: (p) => [p.township],
  },
  { username: "worker", displayName: "网格员 周明", role: "grid_worker", scope: (p) => [p.village] },
  {
    username: "committee",
    displayName: "村委会 吴委员",
    role: "committee_member",
    scope: (p) => [p.village],
  },
  {
    username: "provider",
    displayName: "第三方机构 郑工",
    role: "service_provider",
    scope: (p) => [p.county],
  },
  { username: "auditor", displayName: "安全审计员 冯审", role: "auditor", scope: (p) => [p.county] },
  { username: "security", displayName: "安全管理员 秦安", role: "security_admin", scope: (p) => [p.county] },
  { username: "tipofficer", displayName: "举报受理专员 韩静", role: "tip_officer", scope: (p) => [p.county] },
  { username: "finance", displayName: "财务人员 陶然", role: "finance", scope: (p) => [p.county] },
];

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password that meets the default policy (16 chars, four classes). */
export function randomPassword(): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s.slice(0, 6)}-${s.slice(6)}${randomInt(10)}X`;
}
