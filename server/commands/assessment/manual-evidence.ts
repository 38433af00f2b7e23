import type { Tx } from "../../../db/db";
import {
  attachEvidenceToRecord,
  type EvidenceRow,
  evidenceOfRecords,
  findEvidenceByIds,
} from "../../../db/queries/case-evidence-queries";
import type { ManualScore } from "../../../domain/assessment";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { evidenceStore, requireStored } from "../../storage/evidence-stores";
import { evidenceView } from "../cases/upload-evidence";

/**
 * The 佐证材料 files a manual item names, checked and attached to the result: each must be the scorer's own
 * upload not yet used by any case or record, or already one of this result's files; every file must be in
 * the evidence store (422 `evidence_missing` otherwise). Nothing is attached unless every file passes.
 * Answers the files' rows in the order named.
 */
export async function attachManualEvidence(
  deps: Deps,
  tx: Tx,
  actor: Pick<Actor, "id">,
  result: { id: string; regionCode: string },
  ids: string[],
): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await findEvidenceByIds(tx, ids)).map((r) => [r.id, r]));
  const wanted = ids.map((id) => {
    const r = byId.get(id);
    const fresh = !!r && r.caseId === null && !r.subjectType && r.uploadedBy === actor.id;
    const ours = !!r && r.subjectType === "assessment_result" && r.subjectId === result.id;
    if (!r || (!fresh && !ours))
      throw new AppError("evidence_not_found", {
        status: 422,
        zh: "佐证材料文件不存在或不可使用（须由本人刚上传、未用于其他案件或记录），请重新上传",
        en: "Evidence not found or not usable (it must be your own new upload, not used elsewhere); upload it again",
        details: { evidenceId: id },
      });
    return r;
  });
  await requireStored(evidenceStore(deps, tx), wanted);
  const fresh = wanted.filter((r) => !r.subjectType).map((r) => r.id);
  const attached = await attachEvidenceToRecord(tx, fresh, "assessment_result", result.id, result.regionCode);
  // a file taken by another record between the check and here (first come): refuse rather than list it
  if (fresh.length && Number(attached?.[0]?.numUpdatedRows ?? 0) !== fresh.length)
    throw new AppError("evidence_not_found", {
      status: 422,
      zh: "佐证材料文件刚被用于其他记录，请重新上传",
      en: "A file was just used elsewhere; upload it again",
    });
  return wanted;
}

type WithManual = { id: string; breakdown: { manual: ManualScore[] } };

/**
 * Results with each manual item's files (name, type, size, SHA-256, download address), in the item's order.
 * Only files attached to the result count: an id stored before files were checked shows nothing.
 */
export async function withManualFiles<T extends WithManual>(db: Tx, results: T[]) {
  const holders = results
    .filter((r) => r.breakdown.manual.some((m) => m.evidenceIds?.length))
    .map((r) => r.id);
  const files = await evidenceOfRecords(db, "assessment_result", holders);
  const byKey = new Map(files.map((f) => [`${f.subjectId}/${f.id}`, f]));
  return results.map((r) => ({
    ...r,
    breakdown: {
      ...r.breakdown,
      manual: r.breakdown.manual.map((m) => ({
        ...m,
        files: (m.evidenceIds ?? []).flatMap((id) => {
          const f = byKey.get(`${r.id}/${id}`);
          return f ? [evidenceView(f)] : [];
        }),
      })),
    },
  }));
}

/** A manual item's basis for the export: the written basis, then its files by name and SHA-256. */
export function manualBasisText(
  m: ManualScore & { files?: { fileName: string; sha256: string }[] },
  en: boolean,
): string {
  const files = (m.files ?? []).map((f) => `${f.fileName} (SHA-256 ${f.sha256.slice(0, 12)})`);
  const parts = [m.evidence ?? ""];
  if (files.length) parts.push(`${en ? "Files: " : "佐证材料："}${files.join(en ? ", " : "、")}`);
  return parts.filter(Boolean).join(en ? "; " : "；");
}
