import type { Tx } from "../../../db/db";
import { type EvidenceRow, listCaseEvidence } from "../../../db/queries/case-evidence-queries";
import { listSubjectEvents } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import {
  type EarlierPhoto,
  findReusedPhoto,
  type PhotoStep,
  photoStepOfEvent,
  recheckNeedsLocation,
  reusedPhotoMessage,
} from "../../../domain/case/recheck-evidence";
import { AppError } from "../../../domain/errors";

/** The case's photos before this re-check, each with the step it came with (from the case's events). */
async function earlierPhotos(tx: Tx, caseId: string): Promise<EarlierPhoto[]> {
  const rows = await listCaseEvidence(tx, caseId);
  if (rows.length === 0) return [];
  const stepOf = new Map<string, PhotoStep>();
  for (const ev of await listSubjectEvents(tx, "case", caseId)) {
    const step = photoStepOfEvent[ev.action];
    if (!step) continue;
    const data = JSON.parse(ev.data) as { evidence?: { id: string }[] };
    for (const e of data.evidence ?? []) if (!stepOf.has(e.id)) stepOf.set(e.id, step);
  }
  // Only rows already attached to the case: a photo this request brings for the first time is not earlier,
  // one already on the case is, even when the request names it again.
  return rows.map((r) => ({
    id: r.id,
    sha256: r.sha256,
    fileName: r.fileName,
    uploadedAt: r.uploadedAt,
    step: stepOf.get(r.id) ?? "case",
  }));
}

/**
 * What a re-check needs beyond its schema: a location from a field role (422
 * `recheck_location_required`), and photos not equal to an earlier photo of the case (422
 * `recheck_photo_reused`, naming the earlier photo and the step it came with).
 */
export async function checkRecheckInput(
  tx: Tx,
  actor: Pick<Actor, "role">,
  caseId: string,
  input: Record<string, unknown>,
  evidence: EvidenceRow[],
): Promise<void> {
  if (!input.location && recheckNeedsLocation(actor.role))
    throw new AppError("recheck_location_required", {
      details: { issues: [{ path: "location", message: "现场复查须记录复查位置" }] },
    });
  if (evidence.length === 0) return;
  const earlier = await earlierPhotos(tx, caseId);
  const reused = findReusedPhoto(evidence, earlier);
  if (reused)
    throw new AppError("recheck_photo_reused", {
      ...reusedPhotoMessage(reused),
      details: {
        evidenceId: reused.evidenceId,
        earlier: {
          evidenceId: reused.earlier.id,
          fileName: reused.earlier.fileName,
          step: reused.earlier.step,
          uploadedAt: reused.earlier.uploadedAt,
        },
      },
    });
}
