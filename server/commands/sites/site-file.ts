import { listSubjectEvents } from "../../../db/queries/event-queries";
import { findUserNames } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { maskContactData, sitePolicy } from "../../../domain/policies/site-policy";
import type { Deps } from "../../deps";
import { patrolSummary } from "../patrols/patrol-summary";
import { findVisibleSite } from "./update-site";

type Label = { zh: string; en: string };

const actionLabel: Record<string, Label> = {
  "site.registered": { zh: "登记", en: "Registered" },
  "site.updated": { zh: "信息变更", en: "Changed" },
  "site.assignment_overridden": { zh: "人工调整归属", en: "Assignment set by hand" },
  "site.reassigned": { zh: "重新分配", en: "Reassigned" },
  "site.patrolled": { zh: "巡查签到", en: "Patrol check-in" },
  "site.checklist_recorded": { zh: "现场检查", en: "Checklist run" },
  "site.checklist_reported": { zh: "检查不符合项上报", en: "Failed items reported" },
};

const fieldLabel: Record<string, string> = {
  name: "名称",
  kind: "类型",
  uscc: "统一社会信用代码",
  industryCode: "行业代码",
  scale: "规模",
  ownership: "隶属关系",
  riskLevel: "风险等级",
  flagLarge: "规模大",
  flagHighGrade: "规格高",
  flagHighRisk: "风险高",
  regionCode: "行政区划",
  address: "地址",
  lon: "经度",
  lat: "纬度",
  contactName: "联系人",
  contactPhone: "联系电话",
  status: "状态",
};

function summary(action: string, data: Record<string, unknown>, en: boolean): string {
  if (action === "site.registered") {
    const via = data.importId ? (en ? " by import" : "（批量导入）") : "";
    return en ? `Registered${via}` : `登记入册${via}`;
  }
  if (action === "site.updated") {
    const keys = Object.keys((data.changes as Record<string, unknown>) ?? {});
    const list = keys.map((k) => (en ? k : (fieldLabel[k] ?? k))).join(en ? ", " : "、");
    const moved = data.assignment ? (en ? "; assignment changed" : "；归属随之变化") : "";
    return en ? `Changed ${list || "nothing"}${moved}` : `变更：${list || "无"}${moved}`;
  }
  if (action === "site.assignment_overridden")
    return en ? `Set by hand: ${data.reason}` : `人工调整：${data.reason}`;
  if (action === "site.patrolled") return patrolSummary(data, en);
  if (action === "site.checklist_recorded") {
    const failed = (data.failed as string[] | undefined)?.length ?? 0;
    return en
      ? `${data.title} v${data.version}: ${failed} failed`
      : `${data.title}（第 ${data.version} 版）：${failed ? `不符合 ${failed} 项` : "全部符合"}`;
  }
  if (action === "site.checklist_reported")
    return en
      ? `${(data.itemIds as string[]).length} failed items reported as ${data.number}`
      : `${(data.itemIds as string[]).length} 个不符合项上报为案件 ${data.number}`;
  if (action === "site.reassigned")
    return en ? `Reassigned after grids or rules changed` : "网格或分工规则调整后重新分配";
  return action;
}

/**
 * The site file (动态监管档案, R22): every trail event about the site, oldest first, with who did it. Later
 * issues (patrols, cases, deliveries) write their events with subject `site` too, and they appear here.
 */
export async function siteFile(deps: Deps, actor: Actor, id: string, en = false) {
  const site = await findVisibleSite(deps.db, actor, id);
  const events = await listSubjectEvents(deps.db, "site", id);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((a): a is string => !!a))];
  const users = actorIds.length ? await findUserNames(deps.db, actorIds) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  // the file shows what was recorded, with the contacts masked as the site itself is (R26)
  const masked = !sitePolicy.viewContacts(actor, site);
  return {
    site,
    events: events.map((e) => {
      const recorded = JSON.parse(e.data) as Record<string, unknown>;
      const data = (masked ? maskContactData(recorded) : recorded) as Record<string, unknown>;
      const who = e.actorId ? byId.get(e.actorId) : undefined;
      const label = actionLabel[e.action];
      return {
        id: Number(e.id),
        at: e.at,
        action: e.action,
        actionLabel: label ? (en ? label.en : label.zh) : e.action,
        actor: who ? { id: who.id, displayName: who.displayName, role: who.role } : null,
        summary: summary(e.action, data, en),
        data,
      };
    }),
  };
}
