import type { Tx } from "../../../db/db";
import { findEvidenceByIds } from "../../../db/queries/case-evidence-queries";
import { findDepartment } from "../../../db/queries/department-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import type { EvidenceStore } from "../../storage/evidence-store";
import { requireStored } from "../../storage/evidence-stores";

/** Today's date (YYYY-MM-DD) in China Standard Time. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** A date a user sets as a limit must not be in the past. */
export function notInPast(date: string | undefined, now: Date, path: string, what: string) {
  if (date && date < chinaToday(now))
    throw new AppError("validation_failed", {
      zh: `${what}不能早于今天`,
      en: `${path} is in the past`,
      details: { issues: [{ path, message: `${what}不能早于今天` }] },
    });
}

/** A department that can hold cases of a county: active, of that county. */
export async function checkDepartment(db: Tx, id: string, countyCode: string, path: string) {
  const d = await findDepartment(db, id);
  if (d?.status !== "active" || d.regionCode !== countyCode)
    throw new AppError("validation_failed", {
      zh: "所选部门不存在、已停用或不属于本县区",
      en: "Unknown, inactive or out-of-county department",
      details: { issues: [{ path, message: "所选部门不存在、已停用或不属于本县区" }] },
    });
  return d;
}

/**
 * Evidence a request may reference: uploaded by the actor and not yet attached, or already attached to
 * this case, and whose file the evidence store holds (422 `evidence_missing` otherwise: a row written by
 * a process with another store, or a file lost). Returns the rows (for their hashes) in the order given.
 */
export async function checkEvidence(
  db: Tx,
  store: EvidenceStore,
  actor: Pick<Actor, "id">,
  ids: string[],
  caseId: string | null,
) {
  if (ids.length === 0) return [];
  const rows = await findEvidenceByIds(db, [...new Set(ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const r = byId.get(id);
    const usable =
      r && ((r.caseId === null && r.uploadedBy === actor.id) || (caseId !== null && r.caseId === caseId));
    if (!usable)
      throw new AppError("evidence_not_found", {
        status: 422,
        zh: "附件不存在或不可使用，请重新上传",
        en: "Evidence not found or not usable; upload it again",
        details: { evidenceId: id },
      });
  }
  const wanted = ids.map((id) => byId.get(id)!);
  await requireStored(store, wanted);
  return wanted;
}

export const noLeadDepartment = () =>
  new AppError("no_lead_department", {
    status: 422,
    zh: "该县区尚未设置牵头部门，无法受理案件",
    en: "The county has no lead department yet",
  });
