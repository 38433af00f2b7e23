import type { Tx } from "../../../db/db";
import { insertDeliveries, type NewDelivery } from "../../../db/queries/notification-delivery-queries";
import {
  departmentUsers,
  fieldUsers,
  insertNotifications,
  officeUsers,
  type Recipient,
  userRecipient,
} from "../../../db/queries/notification-queries";
import { activeWebhooks, webhooksMatching } from "../../../db/queries/notification-webhook-queries";
import { onceInTx } from "../../../db/tx-memo";
import type { Case } from "../../../domain/case/case-types";
import { taxonomyOf } from "../cases/case-taxonomy";
import { platformCallback } from "../tips/platform-callback";

/** One thing to tell people about a case: an event of the trail or a reminder of the deadline job. */
export interface CaseNotice {
  kase: Case;
  /** `case.dispatched`, … or a job kind: `case.due_soon`, `case.overdue`, `case.recheck_due`. */
  kind: string;
  at: Date;
  actorId: string | null;
  /** Office level (region-code length) a `case.escalated` goes to. */
  escalationLevel?: number | null;
  /** For re-checks and on-site acceptance. */
  passed?: boolean;
  data?: Record<string, unknown>;
}

/** Kinds that also go out by SMS to recipients with a phone number. */
const urgent = new Set(["case.overdue", "case.escalated"]);

const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

function title(n: CaseNotice, category: string): string {
  const no = n.kase.number;
  const titles: Record<string, string> = {
    "case.reported": `新上报案件 ${no}（${category}），请受理分类`,
    "case.dispatched": `案件 ${no} 已派送至本部门，请签收`,
    "case.forwarded": `案件 ${no} 已转办至本部门，请签收`,
    "case.returned": `案件 ${no} 被退回，请重新分类派送`,
    "case.plan_submitted": `重大隐患 ${no} 已提交治理方案`,
    "case.fed_back": `案件 ${no} 已反馈整改结果，请复查`,
    "case.rechecked": n.passed ? `案件 ${no} 复查通过，请结案` : `案件 ${no} 复查未通过，需返工`,
    "case.accepted_onsite": n.passed
      ? `重大隐患 ${no} 现场验收通过`
      : `重大隐患 ${no} 现场验收未通过，需返工`,
    "case.park_requested": `案件 ${no} 申请挂账，请审批`,
    "case.park_approved": `案件 ${no} 挂账申请已批准`,
    "case.park_denied": `案件 ${no} 挂账申请被驳回，请继续处置`,
    "case.resumed": `案件 ${no} 已恢复处置`,
    "case.closed": `您上报的案件 ${no} 已结案`,
    "case.rejected": `您上报的案件 ${no} 不予受理`,
    "case.merged": `您上报的案件 ${no} 已并入其他案件`,
    "case.reopened": `案件 ${no} 已重新打开，请继续处置`,
    "case.escalated": `案件 ${no} 已被督办`,
    "case.due_soon": `案件 ${no} 即将超期`,
    "case.overdue": `案件 ${no} 已超期`,
    "case.recheck_due": `案件 ${no} 复查即将到期，请尽快复查`,
  };
  return titles[n.kind] ?? `案件 ${no} 有新动态`;
}

async function recipients(tx: Tx, n: CaseNotice): Promise<Recipient[]> {
  const k = n.kase;
  // Recipients are reference data for case commands (they never write users): read once per transaction.
  const users = (id: string) => onceInTx(tx, `dept-users:${id}`, () => departmentUsers(tx, id));
  const offices = (code: string) => onceInTx(tx, `office-users:${code}`, () => officeUsers(tx, code));
  const field = (code: string) => onceInTx(tx, `field-users:${code}`, () => fieldUsers(tx, code));
  const owner = () => users(k.ownerDepartmentId);
  const lead = () => users(k.leadDepartmentId);
  const reporter = async () =>
    k.reporterId ? [await userRecipient(tx, k.reporterId)].filter((r) => !!r) : [];
  const county = () => offices(k.regionCode.slice(0, 6));
  switch (n.kind) {
    case "case.reported":
      return lead();
    case "case.dispatched":
    case "case.forwarded":
    case "case.park_approved":
    case "case.park_denied":
    case "case.resumed":
    case "case.accepted_onsite":
    case "case.due_soon":
    case "case.overdue":
      return owner();
    case "case.returned":
      return lead();
    case "case.plan_submitted":
    case "case.park_requested":
      return county();
    case "case.fed_back":
      return [...(await field(k.regionCode)), ...(await lead())];
    case "case.recheck_due":
      return field(k.regionCode);
    case "case.rechecked":
      return n.passed ? lead() : owner();
    case "case.reopened":
      return [...(await owner()), ...(await lead())];
    case "case.closed":
    case "case.rejected":
    case "case.merged":
      return reporter();
    case "case.escalated":
      return [...(await offices(k.regionCode.slice(0, n.escalationLevel ?? 6))), ...(await owner())];
    default:
      return [];
  }
}

/**
 * Records who is told about a case event, in the caller's transaction: inbox rows for the recipients
 * (never the actor), SMS deliveries for urgent kinds, and webhook deliveries for matching webhooks. The
 * deliveries are sent after commit by the delivery job.
 */
export async function notifyCase(tx: Tx, n: CaseNotice): Promise<void> {
  const at = n.at.toISOString();
  const seen = new Set<string>(n.actorId ? [n.actorId] : []);
  const people = (await recipients(tx, n)).filter((r) => !seen.has(r.id) && seen.add(r.id));
  // Only the report's title names the category: its label in the county's taxonomy (read once per transaction).
  const category =
    n.kind === "case.reported"
      ? ((await taxonomyOf(tx, n.kase.regionCode)).find((c) => c.code === n.kase.category)?.zh ??
        n.kase.category)
      : n.kase.category;
  const head = title(n, category);
  const body = `${n.kase.description.slice(0, 60)}${n.kase.deadline ? `；办理期限 ${chinaTime(n.kase.deadline)}` : ""}`;
  await insertNotifications(
    tx,
    people.map((p) => ({
      userId: p.id,
      caseId: n.kase.id,
      kind: n.kind,
      title: head,
      body,
      regionCode: n.kase.regionCode,
      createdAt: at,
    })),
  );
  const deliveries: NewDelivery[] = [];
  const base = {
    kind: n.kind,
    caseId: n.kase.id,
    status: "pending" as const,
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
  const isUrgent = urgent.has(n.kind) || (n.kind === "case.reported" && n.kase.type === "major_hazard");
  if (isUrgent)
    for (const p of people.filter((x) => x.phone))
      deliveries.push({
        ...base,
        channel: "sms",
        userId: p.id,
        webhookId: null,
        target: p.phone!,
        payload: JSON.stringify({ text: `【安全生产网格化监管】${head}` }),
      });
  const hooks = webhooksMatching(
    await onceInTx(tx, `webhooks:${n.kase.regionCode}`, () => activeWebhooks(tx, n.kase.regionCode)),
    [n.kase.ownerDepartmentId, n.kase.leadDepartmentId],
    n.kind,
  );
  for (const w of hooks) {
    const k = n.kase;
    const payload = {
      event: n.kind,
      at,
      case: {
        id: k.id,
        number: k.number,
        stage: k.stage,
        type: k.type,
        category: k.category,
        regionCode: k.regionCode,
        ownerDepartmentId: k.ownerDepartmentId,
        deadline: k.deadline,
      },
      data: n.data ?? {},
    };
    deliveries.push({
      ...base,
      channel: "webhook",
      userId: null,
      webhookId: w.id,
      target: w.url,
      payload: JSON.stringify(payload),
    });
  }
  // A work order forwarded by a platform (12345): its status goes back to the platform's callback.
  const callback = await platformCallback(tx, n.kase, n.kind, at);
  if (callback) deliveries.push(callback);
  await insertDeliveries(tx, deliveries);
}
