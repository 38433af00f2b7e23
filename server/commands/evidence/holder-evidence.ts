import type { Tx } from "../../../db/db";
import {
  attachEvidence,
  attachEvidenceToRecord,
  type EvidenceRow,
  type EvidenceSubject,
  findEvidenceByIds,
} from "../../../db/queries/case-evidence-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { EvidenceStore } from "../../storage/evidence-store";
import { requireStored } from "../../storage/evidence-stores";

/**
 * What files are attached to: a case, or one record (a patrol, a task record, a checklist run, an
 * assessment result). The id is null while the holder is being made (it cannot hold files yet).
 */
export type EvidenceHolder =
  | { caseId: string | null }
  | { subjectType: EvidenceSubject; subjectId: string | null };

const notUsable = (id: string) =>
  new AppError("evidence_not_found", {
    status: 422,
    zh: "附件不存在或不可使用（须由本人上传、未用于其他案件或记录），请重新上传",
    en: "Evidence not found or not usable (it must be your own upload, not used elsewhere); upload it again",
    details: { evidenceId: id },
  });

/** The holder's own file, or a file the actor may attach to it now. */
function usable(r: EvidenceRow, actor: Pick<Actor, "id">, holder: EvidenceHolder): boolean {
  if ("caseId" in holder) {
    if (holder.caseId !== null && r.caseId === holder.caseId) return true;
    // a case may take a record's photos (a checklist run's failed items reported as a case), not another case's
    return r.caseId === null && r.uploadedBy === actor.id;
  }
  if (holder.subjectId !== null && r.subjectType === holder.subjectType && r.subjectId === holder.subjectId)
    return true;
  return r.caseId === null && !r.subjectType && r.uploadedBy === actor.id;
}

/**
 * Evidence a request may reference for `holder`: the actor's own upload not yet on a case (for a record:
 * nor on another record), or already the holder's; and whose file the evidence store holds (422
 * `evidence_missing` otherwise: a row written by a process with another store, or a file lost). Returns
 * the rows (for their hashes) in the order given.
 */
export async function checkEvidence(
  db: Tx,
  store: EvidenceStore,
  actor: Pick<Actor, "id">,
  ids: string[],
  holder: EvidenceHolder,
): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await findEvidenceByIds(db, [...new Set(ids)])).map((r) => [r.id, r]));
  const wanted = ids.map((id) => {
    const r = byId.get(id);
    if (!r || !usable(r, actor, holder)) throw notUsable(id);
    return r;
  });
  await requireStored(store, wanted);
  return wanted;
}

/**
 * Attaches checked files to their holder (now made), first come: a file another request attached between
 * the check and here (two requests racing on PostgreSQL with one upload) is refused with 422, so the
 * transaction rolls back rather than keep a record naming a file it does not hold.
 */
export async function attachChecked(
  tx: Tx,
  rows: EvidenceRow[],
  holder: { caseId: string } | { subjectType: EvidenceSubject; subjectId: string },
  regionCode: string,
): Promise<void> {
  // checked rows are the holder's own or free: the free ones are those not yet on any holder of this kind
  const free = (r: EvidenceRow) => ("caseId" in holder ? r.caseId === null : !r.subjectType);
  const fresh = [...new Set(rows.filter(free).map((r) => r.id))];
  if (fresh.length === 0) return;
  const res =
    "caseId" in holder
      ? await attachEvidence(tx, fresh, holder.caseId, regionCode)
      : await attachEvidenceToRecord(tx, fresh, holder.subjectType, holder.subjectId, regionCode);
  if (Number(res?.[0]?.numUpdatedRows ?? 0) !== fresh.length)
    throw new AppError("evidence_not_found", {
      status: 422,
      zh: "附件刚被用于其他案件或记录，请重新上传",
      en: "A file was just used elsewhere; upload it again",
    });
}
