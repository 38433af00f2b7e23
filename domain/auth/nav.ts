import { assessmentRunGate, payLineGate, paySheetGate } from "../policies/assessment-policy";
import { caseGate } from "../policies/case-policy";
import { dashboardGate } from "../policies/dashboard-policy";
import { deliveryGate } from "../policies/delivery-policy";
import { gridGate } from "../policies/grid-policy";
import { industryPolicy } from "../policies/industry-policy";
import { patrolGate } from "../policies/patrol-policy";
import type { RouteGate } from "../policies/policy-term";
import { printPolicy } from "../policies/print-policy";
import { engagedTargetGate, engagementGate } from "../policies/provider-policy";
import { siteGate } from "../policies/site-policy";
import { taskKindGate, taskRecordGate, trainingGate } from "../policies/task-policy";
import { tipClientGate, tipGate, tipRewardGate } from "../policies/tip-policy";
import { trailGate } from "../policies/trail-policy";
import { userGate } from "../policies/user-policy";
import type { Actor } from "./actor";
import type { Role } from "./roles";

/** Console sections, in menu order. Later issues add theirs here. */
export const navSections = [
  "dashboard",
  "statistics",
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
  "patrols",
  "checklists",
  "deliveries",
  "task_records",
  "task_kinds",
  "trainings",
  "assessment",
  "tips",
  "handbook",
  "tip_rewards",
  "tip_clients",
  "tip_category_map",
  "tip_reward_rules",
  "industry_synonyms",
  "pay",
  "my_pay",
  "providers",
  "engaged",
] as const;
export type NavSection = (typeof navSections)[number];

const offices: Role[] = ["province_office", "city_office", "county_office"];
/** A section backed by one resource opens for the roles its route gate lets in (the access table). */
const gate = (g: RouteGate, role: Role) => g({ role, scope: [] });

const who: Record<NavSection, (r: Role) => boolean> = {
  dashboard: () => true,
  // 统计分析 and the big screen (issue 13.2/13.3): who may read a region's dashboard (the access table)
  statistics: (r) => gate(dashboardGate.read, r),
  regions: () => true,
  grids: (r) => gate(gridGate.read, r),
  sites: (r) => gate(siteGate.read, r),
  coverage: (r) => gate(gridGate.coverage, r),
  cases: (r) => gate(caseGate.read, r),
  departments: (r) => [...offices, "system_admin", "lead_department"].includes(r),
  routing: (r) => [...offices, "system_admin", "lead_department"].includes(r),
  // 案件类别与办理时限: the offices (and administrators) configure their region's taxonomy and time limits
  case_categories: (r) => [...offices, "system_admin"].includes(r),
  users: (r) => gate(userGate.read, r),
  trail: (r) => gate(trailGate.read, r),
  // 安全日志 (sign-in failures, lockouts, two-factor events) is read by the audit administrator (三员分立)
  security_log: (r) => r === "auditor",
  // 巡查覆盖率 (R22): who may watch patrol coverage (the access table's patrol.coverage)
  patrols: (r) => gate(patrolGate.coverage, r),
  // 检查表配置 (issue 9): the offices keep their counties' checklists; township stations read them
  checklists: (r) => [...offices, "township_station"].includes(r),
  // 文件送达 (R15): the offices and the departments that send documents to sites
  deliveries: (r) => gate(deliveryGate.read, r),
  // 宣传及任务记录, 任务类型配置, 培训 (issue 9: R14, R16, R17, R19)
  task_records: (r) => gate(taskRecordGate.export, r),
  task_kinds: (r) => gate(taskKindGate.manage, r),
  trainings: (r) => gate(trainingGate.manage, r),
  // 考核 (R23, issue 13.4): the offices read their region's assessment runs; city and county offices make schemes
  assessment: (r) => gate(assessmentRunGate.read, r),
  // 举报受理 (R28): the tip officer's queue and the audited identity view
  tips: (r) => gate(tipGate.queue, r),
  // 网格手册 (R10, issue 14): read by everyone who works in a region, kept by its lead department and offices
  handbook: (r) => gate(printPolicy.readGate, r),
  // 举报奖励 (R20): the tip officer and finance only
  tip_rewards: (r) => gate(tipRewardGate.read, r),
  // 举报接口密钥 (Open311 clients, 12345 platforms): the offices
  tip_clients: (r) => gate(tipClientGate.manage, r),
  // 转办分类对照 (12345 category text → tip kind): the offices and the tip officer
  tip_category_map: (r) => gate(tipClientGate.categories, r),
  // 举报奖励规则: read by the tip officer, finance and the offices; saved by the offices (the access table)
  tip_reward_rules: (r) => gate(tipRewardGate.rules, r),
  // 行业俗称 (issue 11): the province office keeps the everyday words of the industry look-up
  industry_synonyms: (r) => gate(industryPolicy.manageGate, r),
  // 网格员报酬 (R20): who reads pay sheets (the offices and finance)
  pay: (r) => gate(paySheetGate.read, r),
  // 我的报酬 (R20): a grid worker's own lines of approved sheets
  my_pay: (r) => gate(payLineGate.mine, r),
  // 第三方服务 (R27): the offices and township stations engage providers; 我的委托 is the expert's own
  providers: (r) => gate(engagementGate.manage, r),
  engaged: (r) => gate(engagedTargetGate.read, r),
};

/** The sections the actor's role may open; the console builds its menu from this. */
export function navFor(actor: Pick<Actor, "role">): NavSection[] {
  return navSections.filter((s) => who[s](actor.role));
}
