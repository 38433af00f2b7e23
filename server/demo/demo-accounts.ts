import { randomInt } from "node:crypto";
import type { Role } from "../../domain/auth/roles";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Scope as region codes; `county`, `township` and `village` are filled in from the demo county. */
  scope: (place: DemoPlaces) => string[];
  departmentKind?: string;
  /** What to try first with this account (printed in the start-up table and listed in the README). */
  tryFirst: string;
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
  {
    username: "admin",
    displayName: "系统管理员",
    role: "system_admin",
    scope: (p) => [p.province],
    tryFirst: "用户管理：新增账号、重置密码、停用账号",
  },
  {
    username: "province",
    displayName: "省安委办 王主任",
    role: "province_office",
    scope: (p) => [p.province],
    tryFirst: "工作台全省概况，事件处置与网格化覆盖",
  },
  {
    username: "city",
    displayName: "市安委办 李科长",
    role: "city_office",
    scope: (p) => [p.city],
    tryFirst: "工作台全市概况，事件处置与督办",
  },
  {
    username: "county",
    displayName: "县安委办 张主任",
    role: "county_office",
    scope: (p) => [p.county],
    tryFirst: "网格地图、监管对象登记、网格化覆盖、事件处置",
  },
  {
    username: "lead",
    displayName: "应急管理局 赵股长",
    role: "lead_department",
    scope: (p) => [p.county],
    departmentKind: "emergency",
    tryFirst: "事件处置：受理分类、派送交办、结案",
  },
  {
    username: "market",
    displayName: "市场监管局 钱科员",
    role: "cooperating_department",
    scope: (p) => [p.county],
    departmentKind: "market",
    tryFirst: "事件处置：签收并反馈交办给市场监管局的案件",
  },
  {
    username: "station",
    displayName: "乡镇安监站 孙站长",
    role: "township_station",
    scope: (p) => [p.township],
    tryFirst: "本乡镇的网格地图、网格员与案件，检查表配置",
  },
  {
    username: "worker",
    displayName: "网格员 周明",
    role: "grid_worker",
    scope: (p) => [p.village],
    tryFirst: "手机打开 /m：巡查签到、上报隐患、复查",
  },
  {
    username: "committee",
    displayName: "村委会 吴委员",
    role: "committee_member",
    scope: (p) => [p.village],
    tryFirst: "手机打开 /m：本村的巡查与上报",
  },
  {
    username: "provider",
    displayName: "第三方机构 郑工",
    role: "service_provider",
    scope: (p) => [p.county],
    tryFirst: "我的委托：评估场所风险、指导案件整改（先由县应急管理局委托）",
  },
  {
    username: "auditor",
    displayName: "安全审计员 冯审",
    role: "auditor",
    scope: (p) => [p.county],
    tryFirst: "留痕浏览与校验，安全日志",
  },
  {
    username: "security",
    displayName: "安全管理员 秦安",
    role: "security_admin",
    scope: (p) => [p.county],
    tryFirst: "账号安全：锁定、解锁、重置身份验证器",
  },
  {
    username: "tipofficer",
    displayName: "举报受理专员 韩静",
    role: "tip_officer",
    scope: (p) => [p.county],
    tryFirst: "举报受理：受理、答复群众举报（先在 /tip 提交一条）",
  },
  {
    username: "finance",
    displayName: "财务人员 陶然",
    role: "finance",
    scope: (p) => [p.county],
    tryFirst: "举报奖励：复核并登记发放（举报受理专员先提出）",
  },
];

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password that meets the default policy (16 chars, four classes). */
export function randomPassword(): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s.slice(0, 6)}-${s.slice(6)}${randomInt(10)}X`;
}
