import type { Writable } from "node:stream";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  decideAssessmentRow,
  findAssessment,
  findOrg,
  listAssessments,
  listProviderWork,
} from "../../../db/queries/provider-queries";
import { findSite } from "../../../db/queries/site-queries";
import type { Actor } from "../../../domain/auth/actor";
import { addCalendarDays, fromShanghai, shanghaiDateTime } from "../../../domain/calendar/shanghai-time";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { assessmentResultLabel, assessmentStatusLabel } from "../../../domain/provider/provider-rules";
import {
  assessmentDecisionInput,
  type ProviderWorkQuery,
  providerWorkQuery,
} from "../../../domain/provider/provider-schemas";
import type { RiskLevel } from "../../../domain/site/site-kinds";
import type { Deps } from "../../deps";
import { type SheetColumn, streamedSheet } from "../exports/streamed-sheet";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { updateSiteIn } from "../sites/update-site";
import { presentAssessment } from "./engaged-work";

/** Assessments the actor reads: an office's in its scope (to approve), an expert's own. */
export async function listAssessmentViews(deps: Deps, actor: Actor, f: { status?: string }) {
  const rows = await listAssessments(deps.db, actor, f);
  return {
    items: rows.map((r) => ({
      ...presentAssessment(r),
      abilities: { decide: r.status === "submitted" && can(actor, "assessment", "decide", r) },
    })),
  };
}

/**
 * An official approves or rejects an assessment. Approval sets the site's risk level to the assessment's
 * result in the same transaction (the site is re-assigned as any change of risk does, and the site file
 * shows both the approval and the change); a second decision is 409 assessment_decided.
 */
export async function decideAssessment(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const found = await findAssessment(deps.db, id);
  if (!found || !can(actor, "assessment", "read", found)) throw new AppError("not_found");
  if (!can(actor, "assessment", "decide", found)) throw new AppError("forbidden");
  const input = parseInput(assessmentDecisionInput, raw);
  if (found.status !== "submitted") throw new AppError("assessment_decided");
  const layer = input.approve ? await gridLayer(deps.db) : null;
  const now = deps.clock.now();
  const org = await findOrg(deps.db, found.orgId);
  await deps.db.transaction().execute(async (tx) => {
    const site = await findSite(tx, found.siteId);
    if (!site) throw new AppError("not_found");
    const decided = await decideAssessmentRow(tx, id, {
      status: input.approve ? "approved" : "rejected",
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      decisionNote: input.note || null,
      previousRiskLevel: site.riskLevel,
    });
    if (!decided) throw new AppError("assessment_decided");
    await insertEvent(
      tx,
      actor,
      {
        action: input.approve ? "site.assessment_approved" : "site.assessment_rejected",
        subjectType: "site",
        subjectId: site.id,
        regionCode: site.regionCode,
        data: {
          assessmentId: id,
          orgName: org?.name ?? null,
          result: found.result,
          before: site.riskLevel,
          note: input.note || null,
        },
      },
      now,
    );
    if (input.approve && layer && site.riskLevel !== found.result)
      await updateSiteIn(
        tx,
        layer,
        actor,
        site.id,
        { version: site.version, riskLevel: found.result as RiskLevel },
        now,
      );
  });
  if (input.approve) invalidateMapStats(deps.db);
  const after = (await findAssessment(deps.db, id))!;
  return presentAssessment({ ...after, orgName: org?.name ?? null });
}

/** Shanghai days to UTC bounds: from the start of `from` to the start of the day after `to`. */
function period(q: ProviderWorkQuery) {
  if (q.from && q.to && q.to < q.from)
    throw new AppError("validation_failed", {
      zh: "结束日期不能早于开始日期",
      en: "The period ends before it starts",
    });
  return {
    orgId: q.orgId,
    fromAt: q.from ? fromShanghai(q.from).toISOString() : undefined,
    toAt: q.to ? fromShanghai(addCalendarDays(q.to, 1)).toISOString() : undefined,
  };
}

export type WorkItem = {
  id: string;
  kind: "assessment" | "guidance";
  orgId: string;
  orgName: string | null;
  expertName: string | null;
  engagementId: string;
  regionCode: string;
  target: string | null;
  at: string;
  result: string | null;
  status: string | null;
  text: string;
};

/** Provider work (assessments and guidance) per organisation and period, newest first, with totals per org. */
export async function providerWork(deps: Deps, actor: Actor, raw: unknown) {
  const q = parseInput(providerWorkQuery, raw ?? {});
  const { assessments, guidance } = await listProviderWork(deps.db, actor, period(q));
  const items: WorkItem[] = [
    ...assessments.map((a) => ({
      id: a.id,
      kind: "assessment" as const,
      orgId: a.orgId,
      orgName: a.orgName,
      expertName: a.expertName,
      engagementId: a.engagementId,
      regionCode: a.regionCode,
      target: a.targetName,
      at: a.at,
      result: a.result,
      status: a.status,
      text: a.text,
    })),
    ...guidance.map((g) => ({
      id: g.id,
      kind: "guidance" as const,
      orgId: g.orgId,
      orgName: g.orgName,
      expertName: g.expertName,
      engagementId: g.engagementId,
      regionCode: g.regionCode,
      target: g.targetName,
      at: g.at,
      result: null,
      status: null,
      text: g.text,
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id.localeCompare(b.id)));
  const totals = new Map<
    string,
    { orgId: string; orgName: string | null; assessments: number; guidance: number }
  >();
  for (const i of items) {
    const t = totals.get(i.orgId) ?? { orgId: i.orgId, orgName: i.orgName, assessments: 0, guidance: 0 };
    if (i.kind === "assessment") t.assessments++;
    else t.guidance++;
    totals.set(i.orgId, t);
  }
  return { items, byOrg: [...totals.values()] };
}

export async function exportProviderWorkXlsx(
  deps: Deps,
  actor: Actor,
  raw: unknown,
  en: boolean,
  watermark: string,
  out: Writable,
): Promise<number> {
  const { items } = await providerWork(deps, actor, raw);
  const columns: SheetColumn[] = [
    ["服务机构", "Organisation", 24],
    ["专家", "Expert", 12],
    ["类型", "Kind", 10],
    ["对象/案件", "Site / case", 24],
    ["行政区划", "Region", 14],
    ["时间", "At", 17],
    ["评估结果", "Result", 16],
    ["状态", "Status", 10],
    ["内容", "Findings / guidance", 48],
  ];
  const { ws, finish } = streamedSheet(out, {
    sheet: ["第三方服务", "Provider work"],
    columns,
    en,
    watermark,
  });
  for (const i of items) {
    const result = i.result ? assessmentResultLabel[i.result as RiskLevel] : null;
    const status = i.status ? assessmentStatusLabel[i.status as keyof typeof assessmentStatusLabel] : null;
    ws.addRow([
      i.orgName ?? "",
      i.expertName ?? "",
      i.kind === "assessment" ? (en ? "Assessment" : "风险评估") : en ? "Guidance" : "整改指导",
      i.target ?? "",
      i.regionCode,
      shanghaiDateTime(new Date(i.at)),
      result ? (en ? result.en : result.zh) : "",
      status ? (en ? status.en : status.zh) : "",
      i.text,
    ]).commit();
  }
  await finish();
  return items.length;
}
