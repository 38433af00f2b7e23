import type { Tx } from "../db";
import type { EvidenceTable } from "../schema/case-tables";

export type EvidenceRow = Omit<EvidenceTable, "subjectType" | "subjectId"> &
  Partial<Pick<EvidenceTable, "subjectType" | "subjectId">>;

export function insertEvidence(db: Tx, row: EvidenceRow) {
  return db.insertInto("evidence").values(row).execute();
}

export function findEvidence(db: Tx, id: string) {
  return db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findEvidenceByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as EvidenceRow[]);
  return db.selectFrom("evidence").selectAll().where("id", "in", ids).execute();
}

export function listCaseEvidence(db: Tx, caseId: string) {
  return db.selectFrom("evidence").selectAll().where("caseId", "=", caseId).orderBy("uploadedAt").execute();
}

export function attachEvidence(db: Tx, ids: string[], caseId: string, regionCode: string) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable("evidence")
    .set({ caseId, regionCode })
    .where("id", "in", ids)
    .where("caseId", "is", null)
    .execute();
}

/** Records other than cases that photos may belong to (the access table's resource of each, for reading). */
export const evidenceSubjects = {
  task_record: "taskRecord",
  patrol: "patrol",
  checklist_run: "checklistRun",
  /** 佐证材料 of a manual assessment item: read by the run's readers, and the assessed once published. */
  assessment_result: "assessmentRun",
} as const;
export type EvidenceSubject = keyof typeof evidenceSubjects;

/** Marks photos as belonging to a record (first come: a photo already on a case or record keeps that). */
export function attachEvidenceToRecord(
  db: Tx,
  ids: string[],
  subjectType: EvidenceSubject,
  subjectId: string,
  regionCode: string,
) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable("evidence")
    .set({ subjectType, subjectId, regionCode })
    .where("id", "in", ids)
    .where("caseId", "is", null)
    .where("subjectType", "is", null)
    .execute();
}

/** Marks a just-uploaded file as a grid worker's ID photo (for the duty card). */
export const markUserPhoto = (db: Tx, evidenceId: string, userId: string, regionCode: string) =>
  db
    .updateTable("evidence")
    .set({ subjectType: "user_photo", subjectId: userId, regionCode })
    .where("id", "=", evidenceId)
    .execute();

/** The row the read rule of a photo's record is checked on (its region and who recorded it). */
export async function findEvidenceSubjectRow(
  db: Tx,
  subjectType: string,
  subjectId: string,
): Promise<Record<string, unknown> | undefined> {
  if (subjectType === "task_record")
    return db
      .selectFrom("taskRecord")
      .select(["regionCode", "recordedBy"])
      .where("id", "=", subjectId)
      .executeTakeFirst();
  if (subjectType === "patrol")
    return db.selectFrom("patrol").select(["regionCode"]).where("id", "=", subjectId).executeTakeFirst();
  if (subjectType === "checklist_run")
    return db
      .selectFrom("checklistRun")
      .select(["regionCode"])
      .where("id", "=", subjectId)
      .executeTakeFirst();
  if (subjectType === "assessment_result")
    return db
      .selectFrom("assessmentResult")
      .innerJoin("assessmentRun", "assessmentRun.id", "assessmentResult.runId")
      .select(["assessmentRun.regionCode", "assessmentRun.status", "assessmentResult.subjectId"])
      .where("assessmentResult.id", "=", subjectId)
      .executeTakeFirst();
  return undefined;
}

/** The files attached to records of one kind (e.g. the results of a run), oldest first. */
export async function evidenceOfRecords(db: Tx, subjectType: EvidenceSubject, subjectIds: string[]) {
  const rows: EvidenceRow[] = [];
  for (let i = 0; i < subjectIds.length; i += 500) {
    const ids = subjectIds.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom("evidence")
        .selectAll()
        .where("subjectType", "=", subjectType)
        .where("subjectId", "in", ids)
        .orderBy("uploadedAt")
        .orderBy("id")
        .execute()),
    );
  }
  return rows;
}
