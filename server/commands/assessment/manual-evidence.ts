import type { Tx } from "../../../db/db";
import { type EvidenceRow, evidenceOfRecords } from "../../../db/queries/case-evidence-queries";
import type { ManualScore } from "../../../domain/assessment";
import type { Actor } from "../../../domain/auth/actor";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { evidenceView } from "../cases/upload-evidence";
import { attachChecked, checkEvidence } from "../evidence/holder-evidence";

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
  const holder = { subjectType: "assessment_result", subjectId: result.id } as const;
  const files = await checkEvidence(tx, evidenceStore(deps, tx), actor, ids, holder);
  await attachChecked(tx, files, holder, result.regionCode);
  return files;
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
