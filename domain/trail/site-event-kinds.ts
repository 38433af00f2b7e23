/**
 * The site file (动态监管档案, R22): one row per event kind that is written about a site (subject `site`),
 * with its readable name, a one-line summary of its data, and links to what it is about (the case, the
 * grid, the grid worker …). A new kind — patrols, checklist runs, deliveries, task records — adds a row
 * here; `site-event-kinds.test.ts` fails when a kind written with subject `site` anywhere in server/ has
 * none. Console paths are the console's routes (web/src/app-router.tsx).
 */
import { patrolSummary } from "../patrol/patrol-summary";
import { assessmentResultLabel } from "../provider/provider-rules";
import { isRiskLevel, riskLevelLabel } from "../site/site-kinds";

type Label = { zh: string; en: string };
type Data = Record<string, unknown>;

export interface SiteEventLink {
  /** What the link opens: the console page of a case, a grid on the map, a user … */
  kind: "case" | "grid" | "user" | "site" | "import" | "patrol" | "delivery" | "task";
  id: string;
  /** A console path (null: shown as text, e.g. a user, whose page only administrators open). */
  href: string | null;
  label: Label;
}

export interface SiteEventKind {
  label: Label;
  summary?: (data: Data, en: boolean) => string;
  links?: (data: Data) => SiteEventLink[];
}

/** Built-in task kinds by their code (a county's own kinds carry their name in the event's data). */
const taskKindWords: Record<string, string> = { outreach: "安全宣传", assistance: "协助检查" };
const taskKindWord = (code: unknown) =>
  typeof code === "string" ? (taskKindWords[code] ?? "网格任务") : "网格任务";

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

export const siteLink = {
  case: (id: string, number?: string | null): SiteEventLink => ({
    kind: "case",
    id,
    href: `/cases/${encodeURIComponent(id)}`,
    label: { zh: `案件 ${number ?? ""}`.trim(), en: `Case ${number ?? ""}`.trim() },
  }),
  grid: (id: string, name?: string | null): SiteEventLink => ({
    kind: "grid",
    id,
    href: `/grids?grid=${encodeURIComponent(id)}`,
    label: { zh: `网格 ${name ?? ""}`.trim(), en: `Grid ${name ?? ""}`.trim() },
  }),
  patrol: (id: string): SiteEventLink => ({
    kind: "patrol",
    id,
    href: "/patrols",
    label: { zh: "巡查覆盖率", en: "Patrol coverage" },
  }),
  delivery: (id: string): SiteEventLink => ({
    kind: "delivery",
    id,
    href: `/deliveries/${encodeURIComponent(id)}`,
    label: { zh: "送达文件", en: "Delivered document" },
  }),
  task: (id: string): SiteEventLink => ({
    kind: "task",
    id,
    href: "/task-records",
    label: { zh: "任务记录", en: "Task records" },
  }),
  user: (id: string, name?: string | null): SiteEventLink => ({
    kind: "user",
    id,
    href: null,
    label: { zh: name ? `网格员 ${name}` : "网格员", en: name ? `Grid worker ${name}` : "Grid worker" },
  }),
};

/** Links to the grid and the grid worker of an assignment summary (`assignmentSummary` in the server). */
function assignmentLinks(a: unknown): SiteEventLink[] {
  if (!a || typeof a !== "object") return [];
  const { gridId, workerId } = a as Data;
  const out: SiteEventLink[] = [];
  if (str(gridId)) out.push(siteLink.grid(gridId as string));
  if (str(workerId)) out.push(siteLink.user(workerId as string));
  return out;
}

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
  legalRepresentative: "法定代表人",
  status: "状态",
};

export const siteEventKinds: Record<string, SiteEventKind> = {
  "site.registered": {
    label: { zh: "登记监管对象", en: "Site registered" },
    summary: (d, en) => {
      const via = d.importId ? (en ? " by import" : "（批量导入）") : "";
      return en ? `Registered${via}` : `登记入册${via}`;
    },
    links: (d) => assignmentLinks(d.assignment),
  },
  "site.created": {
    label: { zh: "登记监管对象", en: "Site registered" },
    links: (d) => assignmentLinks(d.assignment),
  },
  "site.updated": {
    label: { zh: "修改监管对象", en: "Site updated" },
    summary: (d, en) => {
      const keys = Object.keys((d.changes as Data) ?? {});
      const list = keys.map((k) => (en ? k : (fieldLabel[k] ?? k))).join(en ? ", " : "、");
      const moved = d.assignment ? (en ? "; assignment changed" : "；归属随之变化") : "";
      return en ? `Changed ${list || "nothing"}${moved}` : `变更：${list || "无"}${moved}`;
    },
    links: (d) => assignmentLinks(d.assignment),
  },
  "site.assignment_overridden": {
    label: { zh: "人工调整监管归属", en: "Site assignment set by hand" },
    summary: (d, en) => (en ? `Set by hand: ${d.reason}` : `人工调整：${d.reason}`),
    links: (d) => assignmentLinks(d.after),
  },
  "site.reassigned": {
    label: { zh: "重新划分监管对象", en: "Site reassigned" },
    summary: (_d, en) => (en ? "Reassigned after grids or rules changed" : "网格或分工规则调整后重新分配"),
    links: (d) => assignmentLinks(d.after),
  },
  "site.case_reported": {
    label: { zh: "上报隐患案件", en: "Case reported at the site" },
    summary: (d, en) =>
      en ? `Case ${d.number ?? ""} reported` : `在此对象上报案件 ${d.number ?? ""}`.trim(),
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
  "site.patrolled": {
    label: { zh: "巡查签到", en: "Patrol check-in" },
    summary: patrolSummary,
    links: (d) => (str(d.patrolId) ? [siteLink.patrol(d.patrolId as string)] : []),
  },
  "task.recorded": {
    label: { zh: "网格任务记录", en: "Task recorded" },
    summary: (d, en) =>
      en
        ? `Recorded a task (${String(d.kindName ?? d.kind ?? "")})`
        : `记录任务：${String(d.kindName ?? taskKindWord(d.kind))}`,
    links: (d) => (str(d.recordId) ? [siteLink.task(d.recordId as string)] : []),
  },
  // Written under another subject and shown in the site file too (server/commands/sites/site-file.ts).
  "case.closed": {
    label: { zh: "案件结案", en: "Case closed" },
    summary: (d, en) => (en ? `Case ${d.number ?? ""} closed` : `案件 ${d.number ?? ""} 已结案，隐患闭环`),
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
  "case.rejected": {
    label: { zh: "案件不予受理", en: "Case rejected" },
    summary: (d, en) => (en ? `Case ${d.number ?? ""} rejected` : `案件 ${d.number ?? ""} 不予受理`),
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
  "case.reopened": {
    label: { zh: "案件重新打开", en: "Case reopened" },
    summary: (d, en) => (en ? `Case ${d.number ?? ""} reopened` : `案件 ${d.number ?? ""} 重新打开`),
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
  "case.accepted_onsite": {
    label: { zh: "现场验收", en: "On-site acceptance" },
    summary: (d, en) => (en ? `Case ${d.number ?? ""} accepted on site` : `案件 ${d.number ?? ""} 现场验收`),
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
  "delivery.recorded": {
    label: { zh: "文件送达", en: "Document delivered" },
    summary: (d, en) => {
      const refused = d.outcome === "refused";
      if (en) return refused ? "Delivery refused" : "Document delivered to the site";
      return refused ? `拒收${d.reason ? `：${d.reason}` : ""}` : "文书已送达本场所";
    },
    links: (d) => (str(d.deliveryId) ? [siteLink.delivery(d.deliveryId as string)] : []),
  },
  "site.checklist_recorded": {
    label: { zh: "现场检查", en: "Checklist run" },
    summary: (d, en) => {
      const failed = (d.failed as string[] | undefined)?.length ?? 0;
      return en
        ? `${d.title} v${d.version}: ${failed} failed`
        : `${d.title}（第 ${d.version} 版）：${failed ? `不符合 ${failed} 项` : "全部符合"}`;
    },
  },
  "site.checklist_reported": {
    label: { zh: "检查不符合项上报", en: "Failed items reported" },
    summary: (d, en) => {
      const n = Array.isArray(d.itemIds) ? d.itemIds.length : 0;
      return en ? `${n} failed items reported as ${d.number}` : `${n} 个不符合项上报为案件 ${d.number}`;
    },
    links: (d) => (str(d.caseId) ? [siteLink.case(d.caseId as string, str(d.number))] : []),
  },
};

/** A four-colour result or risk level as read in a summary. */
function colour(v: unknown, en: boolean, risk = false): string {
  if (!isRiskLevel(v)) return en ? "none" : "未定";
  const l = risk ? riskLevelLabel[v] : assessmentResultLabel[v];
  return en ? l.en : l.zh;
}

Object.assign(siteEventKinds, {
  "site.assessment_submitted": {
    label: { zh: "第三方风险评估（待审核）", en: "Risk assessment submitted" },
    summary: (d: Data, en: boolean) =>
      en
        ? `${d.orgName ?? "Provider"}: ${colour(d.result, en)}, awaiting approval`
        : `${d.orgName ?? "第三方机构"}评估为${colour(d.result, en)}，待审核`,
  },
  "site.assessment_approved": {
    label: { zh: "批准风险评估", en: "Risk assessment approved" },
    summary: (d: Data, en: boolean) =>
      en
        ? `Risk level ${colour(d.before, en, true)} → ${colour(d.result, en, true)} (${d.orgName ?? "provider"})`
        : `风险等级 ${colour(d.before, en, true)} → ${colour(d.result, en, true)}（${d.orgName ?? "第三方机构"}评估）`,
  },
  "site.assessment_rejected": {
    label: { zh: "退回风险评估", en: "Risk assessment rejected" },
    summary: (d: Data, en: boolean) =>
      en ? `Rejected: ${d.note ?? ""}`.trim() : `退回${d.note ? `：${d.note}` : ""}`,
  },
} satisfies Record<string, SiteEventKind>);

/** Names of the linked grids and users, looked up by the server (a link shows the id's name). */
export interface LinkNames {
  grids: Map<string, string>;
  users: Map<string, string>;
}

function named(link: SiteEventLink, names?: LinkNames): SiteEventLink {
  const name =
    link.kind === "grid"
      ? names?.grids.get(link.id)
      : link.kind === "user"
        ? names?.users.get(link.id)
        : undefined;
  if (!name) return link;
  return link.kind === "grid" ? siteLink.grid(link.id, name) : siteLink.user(link.id, name);
}

/** The ids of grids and users an event's links point to (to look their names up). */
export function siteEventLinkIds(action: string, data: Data): { grids: string[]; users: string[] } {
  const links = siteEventKinds[action]?.links?.(data) ?? [];
  return {
    grids: links.filter((l) => l.kind === "grid").map((l) => l.id),
    users: links.filter((l) => l.kind === "user").map((l) => l.id),
  };
}

/** The readable name, summary and links of one site event (the raw kind only when it has no row). */
export function presentSiteEvent(action: string, data: Data, en: boolean, names?: LinkNames) {
  const kind = siteEventKinds[action];
  const label = kind ? (en ? kind.label.en : kind.label.zh) : action;
  return {
    actionLabel: label,
    summary: kind?.summary ? kind.summary(data, en) : label,
    links: (kind?.links ? kind.links(data) : []).map((l) => named(l, names)),
  };
}
