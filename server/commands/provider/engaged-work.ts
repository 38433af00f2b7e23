import { randomUUID } from "node:crypto";
import { findEvidenceByIds, listCaseEvidence } from "../../../db/queries/case-evidence-queries";
import { findCaseRow } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  activeTargets,
  findOrg,
  guidanceOfCase,
  insertAssessment,
  insertGuidance,
  latestAssessmentStatus,
  listAssessments,
} from "../../../db/queries/provider-queries";
import { findSite } from "../../../db/queries/site-queries";
import type { ServiceAssessmentTable } from "../../../db/schema/provider-tables";
import type { Actor } from "../../../domain/auth/actor";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { type EngagedWork, needsWork } from "../../../domain/provider/engaged-work";
import { assertMayAct } from "../../../domain/provider/provider-rules";
import { assessmentInput, guidanceInput } from "../../../domain/provider/provider-schemas";
import type { Deps } from "../../deps";
import { attachChecked } from "../evidence/holder-evidence";

/**
 * The expert's side (R27): the sites and cases of their active engagements, nothing else. The list and the
 * read of one target run the same query (`activeTargets`), so an expert reads exactly what is listed and
 * anything else (another site, an ended engagement, one past its last day) is 404. `work` keeps the items
 * that need that work (domain/provider/engaged-work.ts) — the list the workbench's counts link to.
 */
export async function myTargets(deps: Deps, actor: Actor, work?: EngagedWork) {
  const today = shanghaiDate(deps.clock.now());
  const rows = await activeTargets(deps.db, actor, today);
  const assessed = await latestAssessmentStatus(deps.db, [...new Set(rows.map((r) => r.engagementId))]);
  const seen = new Set<string>();
  const items = [];
  for (const r of rows) {
    const key = `${r.targetKind}:${r.targetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.targetKind === "site") {
      const s = await findSite(deps.db, r.targetId);
      if (!s) continue;
      items.push({
        kind: "site" as const,
        id: s.id,
        name: s.name,
        regionCode: s.regionCode,
        address: s.address,
        riskLevel: s.riskLevel,
        caseStage: null,
        engagementId: r.engagementId,
        engagementTitle: r.title,
        endsOn: r.endsOn,
        assessmentStatus: assessed.get(`${r.engagementId}|${s.id}`) ?? null,
        caseOpen: null,
      });
    } else {
      const c = await findCaseRow(deps.db, r.targetId);
      if (!c) continue;
      items.push({
        kind: "case" as const,
        id: c.id,
        name: c.number,
        regionCode: c.regionCode,
        address: c.description.slice(0, 60),
        riskLevel: null,
        caseStage: c.stage,
        engagementId: r.engagementId,
        engagementTitle: r.title,
        endsOn: r.endsOn,
        assessmentStatus: null,
        caseOpen: c.open === 1,
      });
    }
  }
  return { today, items: work ? items.filter((x) => needsWork(x, work, today)) : items };
}

/** The active engagement that gives the actor this target, or 404 target_outside_engagement. */
async function engagedOn(deps: Deps, actor: Actor, kind: "site" | "case", id: string) {
  const today = shanghaiDate(deps.clock.now());
  const [row] = await activeTargets(deps.db, actor, today, { kind, id });
  if (!row) throw new AppError("target_outside_engagement");
  return { ...row, today };
}

export async function engagedSite(deps: Deps, actor: Actor, id: string) {
  const t = await engagedOn(deps, actor, "site", id);
  const s = await findSite(deps.db, id);
  if (!s) throw new AppError("target_outside_engagement");
  const assessments = await listAssessments(deps.db, actor, { siteId: id });
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    regionCode: s.regionCode,
    address: s.address,
    industryCode: s.industryCode,
    scale: s.scale,
    riskLevel: s.riskLevel,
    status: s.status,
    lon: s.lon,
    lat: s.lat,
    engagement: { id: t.engagementId, title: t.title, endsOn: t.endsOn },
    qualificationValid: t.validFrom <= t.today && t.today <= t.validUntil,
    assessments: assessments.map(presentAssessment),
  };
}

export async function engagedCase(deps: Deps, actor: Actor, id: string) {
  const t = await engagedOn(deps, actor, "case", id);
  const c = await findCaseRow(deps.db, id);
  if (!c) throw new AppError("target_outside_engagement");
  const [site, guidance, evidence] = await Promise.all([
    c.siteId ? findSite(deps.db, c.siteId) : undefined,
    guidanceOfCase(deps.db, id, actor.id),
    listCaseEvidence(deps.db, id),
  ]);
  return {
    id: c.id,
    number: c.number,
    stage: c.stage,
    type: c.type,
    category: c.category,
    description: c.description,
    regionCode: c.regionCode,
    siteName: site?.name ?? null,
    reportedAt: c.reportedAt,
    deadline: c.deadline,
    engagement: { id: t.engagementId, title: t.title, endsOn: t.endsOn },
    qualificationValid: t.validFrom <= t.today && t.today <= t.validUntil,
    evidenceCount: evidence.length,
    guidance: guidance.map((g) => ({
      id: g.id,
      comment: g.comment,
      evidenceCount: g.evidenceCount,
      createdAt: g.createdAt,
    })),
  };
}

export const presentAssessment = (
  a: ServiceAssessmentTable & {
    siteName?: string | null;
    orgName?: string | null;
    expertName?: string | null;
  },
) => ({
  id: a.id,
  engagementId: a.engagementId,
  siteId: a.siteId,
  siteName: a.siteName ?? null,
  orgName: a.orgName ?? null,
  expertName: a.expertName ?? null,
  regionCode: a.regionCode,
  result: a.result,
  findings: a.findings,
  status: a.status,
  previousRiskLevel: a.previousRiskLevel,
  submittedAt: a.submittedAt,
  decidedAt: a.decidedAt,
  decisionNote: a.decisionNote,
});

/**
 * A risk assessment of an engaged site (four-colour result and findings), waiting for an official's approval;
 * the site's risk level does not change yet. The site file records the submission.
 */
export async function submitAssessment(deps: Deps, actor: Actor, siteId: string, raw: unknown) {
  const t = await engagedOn(deps, actor, "site", siteId);
  assertMayAct(t, t.today);
  const input = parseInput(assessmentInput, raw);
  const site = await findSite(deps.db, siteId);
  if (!site) throw new AppError("target_outside_engagement");
  const org = await findOrg(deps.db, t.orgId);
  const now = deps.clock.now();
  const row: ServiceAssessmentTable = {
    id: randomUUID(),
    engagementId: t.engagementId,
    orgId: t.orgId,
    expertId: t.expertId,
    expertUserId: actor.id,
    siteId,
    regionCode: site.regionCode,
    result: input.result,
    findings: input.findings,
    status: "submitted",
    previousRiskLevel: site.riskLevel,
    submittedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertAssessment(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "site.assessment_submitted",
        subjectType: "site",
        subjectId: siteId,
        regionCode: site.regionCode,
        data: {
          assessmentId: row.id,
          engagementId: t.engagementId,
          orgName: org?.name ?? null,
          result: row.result,
          current: site.riskLevel,
        },
      },
      now,
    );
  });
  return presentAssessment({ ...row, siteName: site.name, orgName: org?.name ?? null });
}

/**
 * Guidance on an engaged case: a comment and evidence recorded on the case (its timeline and evidence),
 * never a stage change. Evidence must be the expert's own uploads not yet attached to a case.
 */
export async function guideCase(deps: Deps, actor: Actor, caseId: string, raw: unknown) {
  const t = await engagedOn(deps, actor, "case", caseId);
  assertMayAct(t, t.today);
  const input = parseInput(guidanceInput, raw);
  const ids = [...new Set(input.evidenceIds)];
  const files = await findEvidenceByIds(deps.db, ids);
  if (files.length !== ids.length || files.some((f) => f.uploadedBy !== actor.id || f.caseId !== null))
    throw new AppError("validation_failed", {
      zh: "附件不存在、不是您上传的或已用于其他案件",
      en: "Evidence missing, not yours or already attached",
    });
  const kase = await findCaseRow(deps.db, caseId);
  if (!kase) throw new AppError("target_outside_engagement");
  const org = await findOrg(deps.db, t.orgId);
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    await attachChecked(tx, files, { caseId }, kase.regionCode);
    await insertGuidance(tx, {
      id,
      engagementId: t.engagementId,
      orgId: t.orgId,
      expertId: t.expertId,
      expertUserId: actor.id,
      caseId,
      regionCode: kase.regionCode,
      comment: input.comment,
      evidenceCount: ids.length,
      createdAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "case.guided",
        subjectType: "case",
        subjectId: caseId,
        regionCode: kase.regionCode,
        data: {
          comment: input.comment,
          evidence: files.map((f) => ({ id: f.id, sha256: f.sha256 })),
          engagementId: t.engagementId,
          orgName: org?.name ?? null,
          from: null,
          to: null,
        },
      },
      now,
    );
  });
  return { id, caseId, comment: input.comment, evidenceCount: ids.length, createdAt: now.toISOString() };
}
