import { listCaseEvidence } from "../../../db/queries/case-evidence-queries";
import { possibleDuplicates } from "../../../db/queries/case-lookup-queries";
import { type CaseRow, findCaseByNumber, findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { listSubjectEvents } from "../../../db/queries/event-queries";
import { caseDeliveries } from "../../../db/queries/notification-delivery-queries";
import { caseNotifications } from "../../../db/queries/notification-queries";
import type { Actor } from "../../../domain/auth/actor";
import { allowedActions } from "../../../domain/case/case-machine";
import { caseAbilities, casePolicy, closureRefusals } from "../../../domain/case/case-policy";
import {
  type CaseAction,
  type CaseStage,
  caseActionLabel,
  caseEventVerb,
  caseStageLabel,
} from "../../../domain/case/case-types";
import { distanceM } from "../../../domain/case/honest-closure";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { anotherPersonCloses } from "../settings/county-settings";
import { loadNames, presentCase } from "./present-case";
import { currentSuggestion } from "./suggest-department";
import { timelineData } from "./timeline-names";
import { evidenceView } from "./upload-evidence";

/** A case the actor may read, by id or number; anything else is "not found". */
export async function findVisibleCase(deps: Deps, actor: Actor, idOrNumber: string): Promise<CaseRow> {
  const row = /^\d{6}-\d{4}-\d{6}$/.test(idOrNumber)
    ? await findCaseByNumber(deps.db, idOrNumber)
    : await findCaseRow(deps.db, idOrNumber);
  if (!row || !casePolicy.read(actor, rowToCase(row))) throw new AppError("not_found");
  return row;
}

const verbToAction = new Map<string, string>(Object.entries(caseEventVerb).map(([a, v]) => [`case.${v}`, a]));
const extraLabels: Record<string, { zh: string; en: string }> = {
  "case.reported": { zh: "上报", en: "Report" },
  "case.duplicate_merged": { zh: "并入重复事件", en: "Duplicate merged in" },
  "case.guided": { zh: "第三方专家整改指导", en: "Guidance by a provider expert" },
};

function actionLabel(action: string, en: boolean): string {
  const a = verbToAction.get(action);
  const l = a && a !== "report" ? caseActionLabel[a as CaseAction] : extraLabels[action];
  return l ? (en ? l.en : l.zh) : action;
}

const maskPhone = (t: string) => (/^\+?\d{7,}$/.test(t) ? `${t.slice(0, 3)}****${t.slice(-4)}` : t);

/** The case page: the case, the actor's abilities, timeline, evidence, notifications, suggestion, duplicates. */
export async function caseDetail(deps: Deps, actor: Actor, idOrNumber: string, en = false) {
  const row = await findVisibleCase(deps, actor, idOrNumber);
  const now = deps.clock.now();
  const kase = rowToCase(row);
  const [names, events, evidence, inbox, deliveries, suggestion, dupRows, anotherPerson] = await Promise.all([
    loadNames(deps.db, [row]),
    listSubjectEvents(deps.db, "case", row.id),
    listCaseEvidence(deps.db, row.id),
    caseNotifications(deps.db, row.id, actor.scope),
    caseDeliveries(deps.db, row.id),
    row.open === 1 && ["reported", "triaged"].includes(row.stage) ? currentSuggestion(deps.db, kase) : null,
    row.open === 1 ? possibleDuplicates(deps.db, row) : [],
    anotherPersonCloses(deps.db, row.regionCode.slice(0, 6)),
  ]);
  const { datas, actors } = await timelineData(deps.db, events);
  const evidenceById = new Map(evidence.map((e) => [e.id, e]));
  const timeline = events.map((e, i) => {
    const data = datas[i];
    const refs = Array.isArray(data.evidence) ? (data.evidence as { id: string; sha256: string }[]) : [];
    return {
      id: Number(e.id),
      at: e.at,
      action: e.action,
      actionLabel: actionLabel(e.action, en),
      actorId: e.actorId,
      actorName: e.actorId ? (actors.get(e.actorId) ?? null) : en ? "System" : "系统",
      actorRole: e.actorRole,
      from: (data.from as string | null | undefined) ?? null,
      to: (data.to as string | null | undefined) ?? null,
      comment: (data.comment as string | null | undefined) ?? null,
      data,
      evidence: refs.map((r) => ({
        id: r.id,
        sha256: r.sha256,
        fileName: evidenceById.get(r.id)?.fileName ?? null,
      })),
      hash: e.hash,
    };
  });
  const notifications = [
    ...inbox.map((n) => ({
      id: `n${n.id}`,
      channel: "inbox" as const,
      kind: n.kind,
      recipientId: n.userId,
      recipientName: n.userName ?? null,
      target: n.userName ?? n.userId,
      status: n.readAt ? ("read" as const) : ("delivered" as const),
      attempts: 1,
      lastError: null,
      createdAt: n.createdAt,
      deliveredAt: n.createdAt,
    })),
    ...deliveries.map((d) => ({
      id: `d${d.id}`,
      channel: d.channel,
      kind: d.kind,
      recipientId: d.userId,
      recipientName: d.userName ?? null,
      target: d.channel === "sms" ? maskPhone(d.target) : d.target,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
    })),
  ];
  const duplicates = dupRows
    .filter((d) => casePolicy.read(actor, rowToCase(d)))
    .map((d) => ({
      id: d.id,
      number: d.number,
      stage: d.stage,
      stageLabel: en ? caseStageLabel[d.stage as CaseStage].en : caseStageLabel[d.stage as CaseStage].zh,
      category: d.category,
      description: d.description.slice(0, 120),
      reportedAt: d.reportedAt,
      sameSite: !!row.siteId && d.siteId === row.siteId,
      distanceM:
        row.lat !== null && row.lng !== null && d.lat !== null && d.lng !== null
          ? Math.round(distanceM({ lng: row.lng, lat: row.lat }, { lng: d.lng, lat: d.lat }))
          : null,
    }));
  return {
    case: presentCase(row, names, now, en),
    abilities: caseAbilities(actor, kase, anotherPerson),
    allowedActions: allowedActions(kase.stage),
    /** 同人不得闭环, stated before the action: the county's rule and what it refuses this person now. */
    closureRule: {
      anotherPersonCloses: anotherPerson,
      refusals: closureRefusals(actor, kase, anotherPerson).map((r) => ({
        action: r.action,
        reason: en ? r.en : r.zh,
      })),
    },
    timeline,
    evidence: evidence.map(evidenceView),
    notifications,
    suggestion: suggestion
      ? {
          departmentId: suggestion.departmentId,
          departmentName: suggestion.departmentName,
          source: suggestion.source,
          explanation: en ? suggestion.explanation.en : suggestion.explanation.zh,
        }
      : null,
    duplicates,
  };
}
