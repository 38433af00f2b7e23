import { randomUUID } from "node:crypto";
import { findCaseRow, rowToCase } from "../../../db/queries/case-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  type EngagementListRow,
  endEngagementRow,
  findEngagement,
  findExpert,
  findOrg,
  insertEngagement,
  insertTargets,
  listEngagements,
  targetsOf,
} from "../../../db/queries/provider-queries";
import { findSite } from "../../../db/queries/site-queries";
import type {
  ServiceEngagementTable,
  ServiceEngagementTargetTable,
} from "../../../db/schema/provider-tables";
import type { Actor } from "../../../domain/auth/actor";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { casePolicy } from "../../../domain/case/case-policy";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { sitePolicy } from "../../../domain/policies/site-policy";
import {
  assertDateOrder,
  assertEngageable,
  engagementActive,
  engagementStatus,
} from "../../../domain/provider/provider-rules";
import { engagementInput } from "../../../domain/provider/provider-schemas";
import type { Deps } from "../../deps";

type Target = Awaited<ReturnType<typeof targetsOf>>[number];

const presentTarget = (t: Target) => ({
  kind: t.targetKind,
  id: t.targetId,
  regionCode: t.regionCode,
  name: t.targetKind === "site" ? (t.siteName ?? t.targetId) : (t.caseNumber ?? t.targetId),
  riskLevel: t.targetKind === "site" ? t.riskLevel : null,
  caseStage: t.targetKind === "case" ? t.caseStage : null,
});

function presentEngagement(actor: Actor, e: EngagementListRow, today: string, targets: Target[]) {
  const active = engagementActive(e, today);
  // An expert sees the targets of an active engagement only: access ends with the engagement.
  const shown =
    actor.role === "service_provider" && !active ? [] : targets.filter((t) => t.engagementId === e.id);
  return {
    id: e.id,
    title: e.title,
    regionCode: e.regionCode,
    orgId: e.orgId,
    orgName: e.orgName,
    expertId: e.expertId,
    expertName: e.expertName,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    endedAt: e.endedAt,
    status: engagementStatus(e, today),
    sites: shown.filter((t) => t.targetKind === "site").length,
    cases: shown.filter((t) => t.targetKind === "case").length,
    targets: shown.map(presentTarget),
    abilities: { manage: can(actor, "engagement", "manage", e) && e.endedAt === null && e.endsOn >= today },
  };
}

/** The engagements the actor reads: an office's in its scope, an expert's own (every status). */
export async function listEngagementViews(deps: Deps, actor: Actor) {
  const rows = await listEngagements(deps.db, actor);
  const targets = await targetsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate(deps.clock.now());
  return { today, items: rows.map((r) => presentEngagement(actor, r, today, targets)) };
}

async function visibleEngagement(deps: Deps, actor: Actor, id: string): Promise<EngagementListRow> {
  const e = await findEngagement(deps.db, id);
  if (!e || !can(actor, "engagement", "read", e)) throw new AppError("not_found");
  const [org, expert] = await Promise.all([findOrg(deps.db, e.orgId), findExpert(deps.db, e.expertId)]);
  return { ...e, orgName: org?.name ?? "", expertName: expert?.name ?? "" };
}

export async function engagementDetail(deps: Deps, actor: Actor, id: string) {
  const e = await visibleEngagement(deps, actor, id);
  return presentEngagement(actor, e, shanghaiDate(deps.clock.now()), await targetsOf(deps.db, [e.id]));
}

const outside = (what: string, ids: string[]) =>
  new AppError("validation_failed", {
    zh: `${what}不存在或不在委托区域内：${ids.join("、")}`,
    en: `Not found or outside the engagement's region: ${ids.join(", ")}`,
    details: { ids },
  });

/**
 * An engagement of one expert for a region of the actor's scope, with the sites to assess and the cases to
 * guide (all inside that region and readable by the actor). Refused whole, nothing written, when the dates
 * are reversed (422 engagement_dates_reversed), the expert's qualification does not cover it (422
 * qualification_expired), the expert has no account, or any target lies outside.
 */
export async function createEngagement(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(engagementInput, raw);
  assertDateOrder(input.startsOn, input.endsOn, "engagement");
  if (!can(actor, "engagement", "manage", input)) throw new AppError("forbidden");
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  if (input.endsOn < today)
    throw new AppError("validation_failed", {
      zh: `委托结束日期 ${input.endsOn} 已过（今天是 ${today}）`,
      en: "The engagement would already be over",
    });
  const expert = await findExpert(deps.db, input.expertId);
  const org = expert ? await findOrg(deps.db, expert.orgId) : undefined;
  if (!expert || !org || !can(actor, "serviceOrg", "read", org))
    throw new AppError("validation_failed", { zh: "没有这个专家", en: "No such expert" });
  if (!expert.userId) throw new AppError("expert_without_account");
  assertEngageable(expert, input, today);
  const siteIds = [...new Set(input.siteIds)];
  const caseIds = [...new Set(input.caseIds)];
  if (siteIds.length + caseIds.length === 0)
    throw new AppError("validation_failed", {
      zh: "请至少选择一个要评估的监管对象或要指导的案件",
      en: "Choose at least one site to assess or case to guide",
    });
  const inRegion = (code: string) => code.startsWith(input.regionCode);
  const targets: ServiceEngagementTargetTable[] = [];
  const id = randomUUID();
  const badSites: string[] = [];
  for (const siteId of siteIds) {
    const site = await findSite(deps.db, siteId);
    if (!site || !sitePolicy.read(actor, site) || !inRegion(site.regionCode)) badSites.push(siteId);
    else
      targets.push({ engagementId: id, targetKind: "site", targetId: site.id, regionCode: site.regionCode });
  }
  if (badSites.length) throw outside("监管对象", badSites);
  const badCases: string[] = [];
  for (const caseId of caseIds) {
    const row = await findCaseRow(deps.db, caseId);
    if (!row || !casePolicy.read(actor, rowToCase(row)) || !inRegion(row.regionCode)) badCases.push(caseId);
    else targets.push({ engagementId: id, targetKind: "case", targetId: row.id, regionCode: row.regionCode });
  }
  if (badCases.length) throw outside("案件", badCases);
  const row: ServiceEngagementTable = {
    id,
    orgId: org.id,
    expertId: expert.id,
    expertUserId: expert.userId,
    regionCode: input.regionCode,
    title: input.title,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    endedAt: null,
    endedBy: null,
    createdBy: actor.id,
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await insertEngagement(tx, row);
    await insertTargets(tx, targets);
    await insertEvent(
      tx,
      actor,
      {
        action: "engagement.created",
        subjectType: "engagement",
        subjectId: id,
        regionCode: row.regionCode,
        data: {
          title: row.title,
          orgId: org.id,
          orgName: org.name,
          expertId: expert.id,
          expertName: expert.name,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          siteIds: targets.filter((t) => t.targetKind === "site").map((t) => t.targetId),
          caseIds: targets.filter((t) => t.targetKind === "case").map((t) => t.targetId),
        },
      },
      now,
    );
  });
  return engagementDetail(deps, actor, id);
}

/** Ends an engagement early: the expert's access to its sites and cases ends at once. */
export async function endEngagement(deps: Deps, actor: Actor, id: string) {
  const e = await visibleEngagement(deps, actor, id);
  if (!can(actor, "engagement", "manage", e)) throw new AppError("forbidden");
  const now = deps.clock.now();
  if (e.endedAt !== null || e.endsOn < shanghaiDate(now)) throw new AppError("engagement_ended");
  await deps.db.transaction().execute(async (tx) => {
    if (!(await endEngagementRow(tx, id, now.toISOString(), actor.id)))
      throw new AppError("engagement_ended");
    await insertEvent(
      tx,
      actor,
      {
        action: "engagement.ended",
        subjectType: "engagement",
        subjectId: id,
        regionCode: e.regionCode,
        data: { title: e.title, expertName: e.expertName, endsOn: e.endsOn },
      },
      now,
    );
  });
  return engagementDetail(deps, actor, id);
}
