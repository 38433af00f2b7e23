import { type CaseAction, caseActionLabel, caseEventVerb } from "../case/case-types";
import { siteEventKinds } from "./site-event-kinds";

type Label = { zh: string; en: string };

/** Readable names of trail event kinds (the `action` of an event row), for the trail browser and exports. */
const fixed: Record<string, Label> = {
  "case.reported": { zh: "上报案件", en: "Case reported" },
  "case.duplicate_merged": { zh: "并入重复事件", en: "Duplicate merged in" },
  "case.due_soon": { zh: "案件即将超期", en: "Case due soon" },
  "case.overdue": { zh: "案件已超期", en: "Case overdue" },
  "case.recheck_due": { zh: "复查提醒", en: "Re-check reminder" },
  "case_category.created": { zh: "新增案件类别", en: "Case category created" },
  "case_category.updated": { zh: "修改案件类别", en: "Case category updated" },
  "case_category.deleted": { zh: "删除案件类别", en: "Case category deleted" },
  "case_deadline_rule.created": { zh: "新增办理时限", en: "Deadline rule created" },
  "case_deadline_rule.deleted": { zh: "删除办理时限", en: "Deadline rule deleted" },
  "county_setting.updated": { zh: "修改县区闭环规则（同人不得闭环）", en: "County closing rule changed" },
  "industry_synonym.added": { zh: "新增行业俗称", en: "Industry synonym added" },
  "industry_synonym.removed": { zh: "删除行业俗称", en: "Industry synonym removed" },
  "data.exported": { zh: "导出数据", en: "Data exported" },
  "task_kind.created": { zh: "新增任务类型", en: "Task kind created" },
  "task_kind.updated": { zh: "修改任务类型", en: "Task kind updated" },
  "task.recorded": { zh: "记录网格任务（宣传、协助检查等）", en: "Task recorded" },
  "training.created": { zh: "新建培训", en: "Training created" },
  "training_plan.created": { zh: "新建年度培训计划", en: "Annual training plan created" },
  "training.attended": { zh: "培训签到", en: "Training attended" },
  "training.scored": { zh: "录入培训成绩", en: "Training scores entered" },
  "training.attendee_entered": { zh: "组织者录入培训签到", en: "Training attendance entered by organiser" },
  "training.attendee_removed": { zh: "移除组织者录入的培训签到", en: "Entered training attendance removed" },
  "department.created": { zh: "新增部门", en: "Department created" },
  "department.updated": { zh: "修改部门", en: "Department updated" },
  "grid.created": { zh: "划定网格", en: "Grid created" },
  "grid.updated": { zh: "修改网格", en: "Grid updated" },
  "grid.imported": { zh: "导入网格", en: "Grids imported" },
  "grid.split": { zh: "拆分网格", en: "Grid split" },
  "grid.merged": { zh: "合并网格", en: "Grids merged" },
  "grid.retired": { zh: "撤销网格", en: "Grid retired" },
  "grid.staffed": { zh: "配备网格员", en: "Grid staffed" },
  "region_boundaries.imported": { zh: "导入区划边界", en: "Region boundaries imported" },
  "regions.loaded": { zh: "加载行政区划", en: "Regions loaded" },
  "routing_rule.created": { zh: "新增分派规则", en: "Routing rule created" },
  "routing_rule.updated": { zh: "修改分派规则", en: "Routing rule updated" },
  "routing_rule.deleted": { zh: "删除分派规则", en: "Routing rule deleted" },
  "routing_rules.seeded": { zh: "初始化分派规则", en: "Routing rules seeded" },
  "site.imported": { zh: "导入监管对象", en: "Sites imported" },
  "user.created": { zh: "新增用户", en: "User created" },
  "user.updated": { zh: "修改用户", en: "User updated" },
  "user.password_set": { zh: "设置密码", en: "Password set" },
  "user.signed_in": { zh: "登录", en: "Signed in" },
  "user.signed_out": { zh: "退出登录", en: "Signed out" },
  "user.sign_in_failed": { zh: "登录失败", en: "Sign-in failed" },
  "user.totp_enrolled": { zh: "绑定身份验证器", en: "Authenticator enrolled" },
  "user.totp_reset": { zh: "重置身份验证器", en: "Authenticator reset" },
  "webhook.created": { zh: "新增推送地址", en: "Webhook created" },
  "webhook.updated": { zh: "修改推送地址", en: "Webhook updated" },
  "webhook.deleted": { zh: "删除推送地址", en: "Webhook deleted" },
  "delivery.created": { zh: "发起文件送达", en: "Delivery sent" },
  "delivery.recorded": { zh: "登记送达结果", en: "Delivery recorded" },
  "delivery.target_removed": { zh: "移出送达范围", en: "Site removed from delivery" },
  "patrol_plan.updated": { zh: "修改巡查频次", en: "Patrol plan changed" },
  "tip.identity_read": { zh: "查阅举报人身份", en: "Informant identity read" },
  "tip.replied": { zh: "答复举报人", en: "Reply to the informant" },
  "tip.informant_answered": { zh: "举报人补充说明", en: "Informant answered" },
  "tip.received": { zh: "接收转来的举报", en: "Tip received from a platform" },
  "tip_client.issued": { zh: "签发举报接口密钥", en: "Tip API key issued" },
  "tip_client.revoked": { zh: "吊销举报接口密钥", en: "Tip API key revoked" },
  "tip_category_map.saved": { zh: "修改工单分类对照表", en: "Category mapping saved" },
  "tip_reward.proposed": { zh: "提出举报奖励", en: "Reward proposed" },
  "tip_reward.approved": { zh: "批准举报奖励", en: "Reward approved" },
  "tip_reward.rejected": { zh: "驳回举报奖励", en: "Reward rejected" },
  "tip_reward.paid": { zh: "登记奖励发放", en: "Reward paid" },
  "tip_reward_rules.saved": { zh: "修改举报奖励规则", en: "Reward rules saved" },
  "assessment.scheme_created": { zh: "制定考核方案", en: "Assessment scheme created" },
  "assessment.run": { zh: "运行考核", en: "Assessment run" },
  "assessment.adjusted": { zh: "调整考核得分", en: "Assessment score adjusted" },
  "assessment.manual_scored": { zh: "评定人工考核项", en: "Manual item scored" },
  "assessment.published": { zh: "发布考核结果", en: "Assessment published" },
  "handbook.saved": { zh: "保存网格手册", en: "Handbook saved" },
  "checklist.revised": { zh: "修订检查表", en: "Checklist revised" },
  "service_org.created": { zh: "登记第三方服务机构", en: "Service organisation registered" },
  "service_expert.created": { zh: "登记第三方服务专家", en: "Service expert registered" },
  "engagement.created": { zh: "委托第三方服务", en: "Provider engaged" },
  "engagement.ended": { zh: "提前终止委托", en: "Engagement ended early" },
  "case.guided": { zh: "第三方专家整改指导", en: "Guidance by a provider expert" },
  "pay_settings.saved": { zh: "修改网格员报酬设置", en: "Pay settings saved" },
  "pay_profile.saved": { zh: "登记网格员银行账户", en: "Bank account saved" },
  "pay_sheet.generated": { zh: "生成网格员报酬表", en: "Pay sheet generated" },
  "pay_sheet.line_excluded": { zh: "报酬表不予发放", en: "Pay line excluded" },
  "pay_sheet.approved": { zh: "审批网格员报酬表", en: "Pay sheet approved" },
  "equipment.issued": { zh: "发放装备", en: "Equipment issued" },
  "equipment.returned": { zh: "归还装备", en: "Equipment returned" },
};

/** Case actions recorded as `case.<verb>` take the label of the action (受理分类, 派送交办, ...). */
const caseLabels: Record<string, Label> = Object.fromEntries(
  Object.entries(caseEventVerb)
    .filter(([a]) => a !== "report")
    .map(([a, verb]) => [`case.${verb}`, caseActionLabel[a as CaseAction]]),
);

/** Kinds written about a site take their name from the site file's table (site-event-kinds.ts). */
const siteLabels: Record<string, Label> = Object.fromEntries(
  Object.entries(siteEventKinds).map(([k, v]) => [k, v.label]),
);

export const eventLabels: Record<string, Label> = { ...siteLabels, ...caseLabels, ...fixed };

/** The readable name of an event kind, or null when the kind has none (the console then shows the raw key). */
export function eventLabel(action: string): Label | null {
  return eventLabels[action] ?? null;
}

/** Subject types as read in the trail browser's filter. */
export const subjectTypeLabels: Record<string, Label> = {
  case: { zh: "案件", en: "Case" },
  site: { zh: "监管对象", en: "Site" },
  grid: { zh: "网格", en: "Grid" },
  user: { zh: "用户", en: "User" },
  department: { zh: "部门", en: "Department" },
  routing_rule: { zh: "分派规则", en: "Routing rule" },
  webhook: { zh: "推送地址", en: "Webhook" },
  export: { zh: "数据导出", en: "Export" },
  region: { zh: "行政区划", en: "Region" },
  case_category: { zh: "案件类别", en: "Case category" },
  case_deadline_rule: { zh: "办理时限", en: "Deadline rule" },
  site_import: { zh: "对象导入批次", en: "Site import" },
  county_setting: { zh: "县区设置", en: "County setting" },
  patrol_plan: { zh: "巡查计划", en: "Patrol plan" },
  tip_client: { zh: "举报接口密钥", en: "Tip API key" },
  tip_reward: { zh: "举报奖励", en: "Tip reward" },
  assessment_scheme: { zh: "考核方案", en: "Assessment scheme" },
  assessment_run: { zh: "考核", en: "Assessment" },
  handbook: { zh: "网格手册", en: "Handbook" },
  service_org: { zh: "第三方服务机构", en: "Service organisation" },
  engagement: { zh: "第三方服务委托", en: "Engagement" },
  delivery: { zh: "文件送达", en: "Delivery" },
  task_record: { zh: "任务记录", en: "Task record" },
  task_kind: { zh: "任务类型", en: "Task kind" },
  training: { zh: "培训", en: "Training" },
  pay_sheet: { zh: "网格员报酬表", en: "Pay sheet" },
  checklist: { zh: "检查表", en: "Checklist" },
  tip: { zh: "群众举报", en: "Public tip" },
  trail: { zh: "留痕", en: "Trail" },
};

/**
 * The console page of an event's subject (a case, a site's file, a grid on the map, a delivery …), or null
 * when it has no page of its own. Paths are the console's routes (web/src/app-router.tsx).
 */
export function subjectHref(subjectType: string, subjectId: string): string | null {
  const id = encodeURIComponent(subjectId);
  switch (subjectType) {
    case "case":
      return `/cases/${id}`;
    case "site":
      return `/sites?site=${id}`;
    case "grid":
      return `/grids?grid=${id}`;
    case "delivery":
      return `/deliveries/${id}`;
    case "department":
      return "/departments";
    case "routing_rule":
      return "/routing";
    case "case_category":
    case "case_deadline_rule":
      return "/case-categories";
    case "task_kind":
      return "/task-kinds";
    case "training":
      return "/trainings";
    case "checklist":
      return "/checklists";
    case "patrol_plan":
      return "/patrols";
    case "pay_sheet":
      return `/pay/${id}`;
    case "assessment_run":
      return `/assessment/runs/${id}`;
    default:
      return null;
  }
}
