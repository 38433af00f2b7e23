import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type {
  ServiceAssessmentTable,
  ServiceEngagementTable,
  ServiceEngagementTargetTable,
  ServiceExpertTable,
  ServiceGuidanceTable,
  ServiceOrgTable,
} from "../schema/provider-tables";

/** Third-party service providers (R27): organisations, experts, engagements, assessments, guidance. */

export const insertOrg = (db: Tx, row: ServiceOrgTable) => db.insertInto("serviceOrg").values(row).execute();
export const findOrg = (db: Tx, id: string) =>
  db.selectFrom("serviceOrg").selectAll().where("id", "=", id).executeTakeFirst();
export const listOrgs = (db: Tx, actor: PolicyActor) =>
  db
    .selectFrom("serviceOrg")
    .selectAll()
    .where((eb) => policyFilter(eb, ruleOf("serviceOrg", "read"), actor, "serviceOrg"))
    .orderBy("name")
    .orderBy("id")
    .limit(500)
    .execute();

export const findOrgByName = (db: Tx, name: string) =>
  db.selectFrom("serviceOrg").select("id").where("name", "=", name).executeTakeFirst();
export const insertExpert = (db: Tx, row: ServiceExpertTable) =>
  db.insertInto("serviceExpert").values(row).execute();
export const findExpert = (db: Tx, id: string) =>
  db.selectFrom("serviceExpert").selectAll().where("id", "=", id).executeTakeFirst();
export const expertsOfOrgs = (db: Tx, orgIds: string[]) =>
  orgIds.length === 0
    ? Promise.resolve([] as ServiceExpertTable[])
    : db.selectFrom("serviceExpert").selectAll().where("orgId", "in", orgIds).orderBy("name").execute();
export const expertOfUser = (db: Tx, userId: string) =>
  db.selectFrom("serviceExpert").selectAll().where("userId", "=", userId).executeTakeFirst();

export const insertEngagement = (db: Tx, row: ServiceEngagementTable) =>
  db.insertInto("serviceEngagement").values(row).execute();
export const insertTargets = (db: Tx, rows: ServiceEngagementTargetTable[]) =>
  rows.length ? db.insertInto("serviceEngagementTarget").values(rows).execute() : Promise.resolve([]);
export const findEngagement = (db: Tx, id: string) =>
  db.selectFrom("serviceEngagement").selectAll().where("id", "=", id).executeTakeFirst();

export type EngagementListRow = ServiceEngagementTable & { orgName: string; expertName: string };

export function listEngagements(db: Tx, actor: PolicyActor): Promise<EngagementListRow[]> {
  return db
    .selectFrom("serviceEngagement")
    .innerJoin("serviceOrg", "serviceOrg.id", "serviceEngagement.orgId")
    .innerJoin("serviceExpert", "serviceExpert.id", "serviceEngagement.expertId")
    .selectAll("serviceEngagement")
    .select(["serviceOrg.name as orgName", "serviceExpert.name as expertName"])
    .where((eb) => policyFilter(eb, ruleOf("engagement", "read"), actor, "serviceEngagement"))
    .orderBy("serviceEngagement.startsOn", "desc")
    .orderBy("serviceEngagement.id")
    .limit(500)
    .execute();
}

export const endEngagementRow = (db: Tx, id: string, at: string, by: string) =>
  db
    .updateTable("serviceEngagement")
    .set({ endedAt: at, endedBy: by })
    .where("id", "=", id)
    .where("endedAt", "is", null)
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows) === 1);

/** The targets of engagements with their names (site name, case number and description). */
export function targetsOf(db: Tx, engagementIds: string[]) {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("serviceEngagementTarget as t")
    .leftJoin("site", (j) => j.onRef("site.id", "=", "t.targetId").on("t.targetKind", "=", "site"))
    .leftJoin("caseRecord", (j) =>
      j.onRef("caseRecord.id", "=", "t.targetId").on("t.targetKind", "=", "case"),
    )
    .select([
      "t.engagementId",
      "t.targetKind",
      "t.targetId",
      "t.regionCode",
      "site.name as siteName",
      "site.riskLevel as riskLevel",
      "caseRecord.number as caseNumber",
      "caseRecord.description as caseDescription",
      "caseRecord.stage as caseStage",
    ])
    .where("t.engagementId", "in", engagementIds)
    .orderBy("t.targetKind", "desc")
    .orderBy("t.targetId")
    .execute();
}

/**
 * The sites and cases of the actor's engagements that are active on `today` (engagedTarget.read: the
 * engagement's expert; started, not past its last day, not ended early). One query serves the list and
 * the read of one target, so the two cannot disagree.
 */
export function activeTargets(
  db: Tx,
  actor: PolicyActor,
  today: string,
  one?: { kind: "site" | "case"; id: string },
) {
  let q = db
    .selectFrom("serviceEngagementTarget as t")
    .innerJoin("serviceEngagement", "serviceEngagement.id", "t.engagementId")
    .innerJoin("serviceExpert", "serviceExpert.id", "serviceEngagement.expertId")
    .select([
      "t.targetKind",
      "t.targetId",
      "t.regionCode",
      "serviceEngagement.id as engagementId",
      "serviceEngagement.title",
      "serviceEngagement.orgId",
      "serviceEngagement.expertId",
      "serviceEngagement.expertUserId",
      "serviceEngagement.startsOn",
      "serviceEngagement.endsOn",
      "serviceExpert.validFrom",
      "serviceExpert.validUntil",
    ])
    .where((eb) => policyFilter(eb, ruleOf("engagedTarget", "read"), actor, "serviceEngagement"))
    .where("serviceEngagement.endedAt", "is", null)
    .where("serviceEngagement.startsOn", "<=", today)
    .where("serviceEngagement.endsOn", ">=", today);
  if (one) q = q.where("t.targetKind", "=", one.kind).where("t.targetId", "=", one.id);
  return q
    .orderBy("t.targetKind", "desc")
    .orderBy("t.targetId")
    .orderBy("serviceEngagement.endsOn", "desc")
    .limit(2000)
    .execute();
}

/**
 * The latest assessment status per engagement and site among the given engagements (the expert's
 * 我的委托 marks the sites still owing one).
 */
export async function latestAssessmentStatus(db: Tx, engagementIds: string[]) {
  if (engagementIds.length === 0) return new Map<string, ServiceAssessmentTable["status"]>();
  const rows = await db
    .selectFrom("serviceAssessment")
    .select(["engagementId", "siteId", "status", "submittedAt"])
    .where("engagementId", "in", engagementIds)
    .orderBy("submittedAt")
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [`${r.engagementId}|${r.siteId}`, r.status]));
}

export const insertAssessment = (db: Tx, row: ServiceAssessmentTable) =>
  db.insertInto("serviceAssessment").values(row).execute();
export const findAssessment = (db: Tx, id: string) =>
  db.selectFrom("serviceAssessment").selectAll().where("id", "=", id).executeTakeFirst();

export type AssessmentListRow = ServiceAssessmentTable & {
  siteName: string | null;
  orgName: string | null;
  expertName: string | null;
};

export function listAssessments(
  db: Tx,
  actor: PolicyActor,
  f: { status?: string; siteId?: string },
): Promise<AssessmentListRow[]> {
  let q = db
    .selectFrom("serviceAssessment")
    .leftJoin("site", "site.id", "serviceAssessment.siteId")
    .leftJoin("serviceOrg", "serviceOrg.id", "serviceAssessment.orgId")
    .leftJoin("serviceExpert", "serviceExpert.id", "serviceAssessment.expertId")
    .selectAll("serviceAssessment")
    .select(["site.name as siteName", "serviceOrg.name as orgName", "serviceExpert.name as expertName"])
    .where((eb) => policyFilter(eb, ruleOf("assessment", "read"), actor, "serviceAssessment"));
  if (f.status) q = q.where("serviceAssessment.status", "=", f.status as "submitted");
  if (f.siteId) q = q.where("serviceAssessment.siteId", "=", f.siteId);
  return q
    .orderBy("serviceAssessment.submittedAt", "desc")
    .orderBy("serviceAssessment.id")
    .limit(500)
    .execute();
}

/** Records the decision once: false when it was already decided (or a concurrent decision won). */
export const decideAssessmentRow = (
  db: Tx,
  id: string,
  d: Pick<
    ServiceAssessmentTable,
    "status" | "decidedBy" | "decidedAt" | "decisionNote" | "previousRiskLevel"
  >,
) =>
  db
    .updateTable("serviceAssessment")
    .set(d)
    .where("id", "=", id)
    .where("status", "=", "submitted")
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows) === 1);

export const insertGuidance = (db: Tx, row: ServiceGuidanceTable) =>
  db.insertInto("serviceGuidance").values(row).execute();
export const guidanceOfCase = (db: Tx, caseId: string, expertUserId: string) =>
  db
    .selectFrom("serviceGuidance")
    .selectAll()
    .where("caseId", "=", caseId)
    .where("expertUserId", "=", expertUserId)
    .orderBy("createdAt")
    .execute();

export interface WorkFilter {
  orgId?: string;
  /** Shanghai days, both included: compared with the UTC timestamps shifted to Shanghai by the caller. */
  fromAt?: string;
  toAt?: string;
}

/**
 * Provider work (assessments and guidance) of the organisations the actor engages, in a period: both kinds
 * of rows, under the providerWork rule on the work's region.
 */
export async function listProviderWork(db: Tx, actor: PolicyActor, f: WorkFilter) {
  let a = db
    .selectFrom("serviceAssessment as w")
    .leftJoin("serviceOrg", "serviceOrg.id", "w.orgId")
    .leftJoin("serviceExpert", "serviceExpert.id", "w.expertId")
    .leftJoin("site", "site.id", "w.siteId")
    .select([
      "w.id",
      "w.orgId",
      "w.engagementId",
      "w.regionCode",
      "w.submittedAt as at",
      "w.result",
      "w.status",
      "w.findings as text",
      "serviceOrg.name as orgName",
      "serviceExpert.name as expertName",
      "site.name as targetName",
    ])
    .where((eb) => policyFilter(eb, ruleOf("providerWork", "read"), actor, "w"));
  let g = db
    .selectFrom("serviceGuidance as w")
    .leftJoin("serviceOrg", "serviceOrg.id", "w.orgId")
    .leftJoin("serviceExpert", "serviceExpert.id", "w.expertId")
    .leftJoin("caseRecord", "caseRecord.id", "w.caseId")
    .select([
      "w.id",
      "w.orgId",
      "w.engagementId",
      "w.regionCode",
      "w.createdAt as at",
      "w.comment as text",
      "w.evidenceCount",
      "serviceOrg.name as orgName",
      "serviceExpert.name as expertName",
      "caseRecord.number as targetName",
    ])
    .where((eb) => policyFilter(eb, ruleOf("providerWork", "read"), actor, "w"));
  if (f.orgId) {
    a = a.where("w.orgId", "=", f.orgId);
    g = g.where("w.orgId", "=", f.orgId);
  }
  if (f.fromAt) {
    a = a.where("w.submittedAt", ">=", f.fromAt);
    g = g.where("w.createdAt", ">=", f.fromAt);
  }
  if (f.toAt) {
    a = a.where("w.submittedAt", "<", f.toAt);
    g = g.where("w.createdAt", "<", f.toAt);
  }
  const [assessments, guidance] = await Promise.all([
    a.orderBy("w.submittedAt", "desc").limit(5000).execute(),
    g.orderBy("w.createdAt", "desc").limit(5000).execute(),
  ]);
  return { assessments, guidance };
}
