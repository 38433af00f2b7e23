import type { Tx } from "../db";
import type { EvidenceTable } from "../schema/case-tables";

export type EvidenceRow = EvidenceTable;

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
