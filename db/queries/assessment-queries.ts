import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import { dialectOf, type Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type {
  AssessmentAdjustmentTable,
  AssessmentResultTable,
  AssessmentRunTable,
  AssessmentSchemeTable,
} from "../schema/assessment-tables";

export const insertScheme = (db: Tx, row: AssessmentSchemeTable) =>
  db.insertInto("assessmentScheme").values(row).execute();

export const findScheme = (db: Tx, id: string) =>
  db.selectFrom("assessmentScheme").selectAll().where("id", "=", id).executeTakeFirst();

export const listSchemes = (db: Tx, actor: PolicyActor) =>
  db
    .selectFrom("assessmentScheme")
    .selectAll()
    .where((eb) => policyFilter(eb, ruleOf("assessmentScheme", "read"), actor, "assessmentScheme"))
    .orderBy("createdAt", "desc")
    .limit(200)
    .execute();

export const retireScheme = (db: Tx, id: string) =>
  db.updateTable("assessmentScheme").set({ status: "retired" }).where("id", "=", id).execute();

export const insertRun = (db: Tx, row: AssessmentRunTable) =>
  db.insertInto("assessmentRun").values(row).execute();

/** The run row, locked for update on PostgreSQL (review, publish and adjustments change it). */
export function findRun(db: Tx, id: string, lock = false) {
  let q = db.selectFrom("assessmentRun").selectAll().where("id", "=", id);
  if (lock && dialectOf(db) === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Every version of a scheme's period, newest first. */
export const runsOfPeriod = (db: Tx, schemeId: string, period: string) =>
  db
    .selectFrom("assessmentRun")
    .select(["id", "version", "status"])
    .where("schemeId", "=", schemeId)
    .where("period", "=", period)
    .orderBy("version", "desc")
    .execute();

/** Runs the actor reads (the province: who assessed whom, when, with which scheme). */
export function listRuns(db: Tx, actor: PolicyActor, f: { region?: string; period?: string }) {
  let q = db
    .selectFrom("assessmentRun")
    .leftJoin("appUser as runner", "runner.id", "assessmentRun.runBy")
    .leftJoin("appUser as reviewer", "reviewer.id", "assessmentRun.reviewedBy")
    .leftJoin("appUser as publisher", "publisher.id", "assessmentRun.publishedBy")
    .selectAll("assessmentRun")
    .select([
      "runner.displayName as runByName",
      "reviewer.displayName as reviewedByName",
      "publisher.displayName as publishedByName",
    ])
    .where((eb) => policyFilter(eb, ruleOf("assessmentRun", "read"), actor, "assessmentRun"));
  if (f.region) q = q.where("assessmentRun.regionCode", "like", `${f.region}%`);
  if (f.period) q = q.where("assessmentRun.period", "=", f.period);
  return q.orderBy("assessmentRun.runAt", "desc").orderBy("assessmentRun.id").limit(300).execute();
}

export const setRun = (db: Tx, id: string, set: Partial<AssessmentRunTable>) =>
  db.updateTable("assessmentRun").set(set).where("id", "=", id).execute();

export async function insertResults(db: Tx, rows: AssessmentResultTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("assessmentResult")
      .values(rows.slice(i, i + 200))
      .execute();
}

export const resultsOfRun = (db: Tx, runId: string) =>
  db
    .selectFrom("assessmentResult")
    .selectAll()
    .where("runId", "=", runId)
    .orderBy("rank")
    .orderBy("finalScore", "desc")
    .orderBy("subjectName")
    .execute();

export const findResult = (db: Tx, runId: string, id: string) =>
  db
    .selectFrom("assessmentResult")
    .selectAll()
    .where("runId", "=", runId)
    .where("id", "=", id)
    .executeTakeFirst();

export const setResult = (db: Tx, id: string, set: Partial<AssessmentResultTable>) =>
  db.updateTable("assessmentResult").set(set).where("id", "=", id).execute();

export const insertAdjustment = (db: Tx, row: AssessmentAdjustmentTable) =>
  db.insertInto("assessmentAdjustment").values(row).execute();

export const adjustmentsOfRun = (db: Tx, runId: string) =>
  db
    .selectFrom("assessmentAdjustment")
    .leftJoin("appUser", "appUser.id", "assessmentAdjustment.madeBy")
    .selectAll("assessmentAdjustment")
    .select("appUser.displayName as madeByName")
    .where("runId", "=", runId)
    .orderBy("madeAt")
    .orderBy("assessmentAdjustment.id")
    .execute();

/** Published results whose subject is one of `subjectIds` (the assessed reading their own). */
export const publishedResultsOf = (db: Tx, subjectIds: string[]) =>
  subjectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("assessmentResult")
        .innerJoin("assessmentRun", "assessmentRun.id", "assessmentResult.runId")
        .select([
          "assessmentResult.id",
          "assessmentResult.runId",
          "assessmentResult.subjectName",
          "assessmentResult.finalScore",
          "assessmentResult.rank",
          "assessmentResult.breakdown",
          "assessmentRun.schemeName",
          "assessmentRun.period",
          "assessmentRun.version",
          "assessmentRun.subjectCount",
          "assessmentRun.publishedAt",
        ])
        .where("assessmentResult.subjectId", "in", subjectIds)
        .where("assessmentRun.status", "=", "published")
        .orderBy("assessmentRun.period", "desc")
        .limit(60)
        .execute();

/** The published grid-worker run of a county's month (pay uses its scores). */
export const publishedWorkerRun = (db: Tx, regionCode: string, period: string) =>
  db
    .selectFrom("assessmentRun")
    .select(["id", "schemeName", "version"])
    .where("regionCode", "=", regionCode)
    .where("period", "=", period)
    .where("level", "=", "grid_worker")
    .where("status", "=", "published")
    .orderBy("publishedAt", "desc")
    .executeTakeFirst();

export const scoresOfRun = (db: Tx, runId: string) =>
  db.selectFrom("assessmentResult").select(["subjectId", "finalScore"]).where("runId", "=", runId).execute();
