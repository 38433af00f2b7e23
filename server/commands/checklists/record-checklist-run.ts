import { findChecklistRun, insertChecklistRun } from "../../../db/queries/checklist-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { isUniqueViolation } from "../../../db/queries/idempotency-queries";
import { findSite } from "../../../db/queries/site-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { checkAnswers } from "../../../domain/checklist/checklist-rules";
import { checklistRunInput } from "../../../domain/checklist/checklist-schemas";
import { AppError } from "../../../domain/errors";
import { checklistPolicy } from "../../../domain/policies/checklist-policy";
import { checkFieldRecord } from "../../../domain/schemas/field-schemas";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { requestHash } from "../cases/idempotent";
import { attachChecked, checkEvidence } from "../evidence/holder-evidence";
import { checklistVersion, currentChecklist } from "./checklist-templates";
import { type PresentedRun, presentRun } from "./present-run";

export const siteNotFound = () =>
  new AppError("site_not_found", {
    status: 404,
    zh: "场所不存在或已不在您的辖区（可能在离线期间被删除或调整）",
    en: "The site does not exist or is no longer in your jurisdiction",
  });

const reused = () =>
  new AppError("idempotency_key_reused", {
    status: 409,
    zh: "该记录编号已用于另一份检查记录",
    en: "This record id was used for a different checklist run",
  });

/** The same id again: the stored run (200) when the body is the same and it is the actor's, else 409. */
async function replay(deps: Deps, actor: Actor, id: string, hash: string, en: boolean) {
  const row = await findChecklistRun(deps.db, id);
  if (!row) return null;
  if (row.requestHash !== hash || row.createdBy !== actor.id) throw reused();
  const template = await checklistVersion(deps.db, row.countyCode, row.checklistId, Number(row.version));
  return { status: 200, body: presentRun({ ...row, createdByName: actor.displayName }, template, en) };
}

/**
 * Records a checklist filled at a site (the phone's outbox item): idempotent on the phone's id; answers
 * checked against the version it was filled on (every item once; a photo where the item requires one).
 * A checklist changed while the phone was offline is accepted against its old version and flagged
 * `checklist_changed`; location and clock are flagged as every field record is. A site deleted or moved
 * out of the worker's jurisdiction while offline answers 404 `site_not_found` (the phone keeps the run).
 */
export async function recordChecklistRun(
  deps: Deps,
  actor: Actor,
  raw: unknown,
  en = false,
): Promise<{ status: number; body: PresentedRun }> {
  const input = parseInput(checklistRunInput, raw);
  const hash = requestHash("checklist.run", input);
  const again = await replay(deps, actor, input.id, hash, en);
  if (again) return again;
  const site = await findSite(deps.db, input.siteId);
  if (!site || !checklistPolicy.readRun(actor, site.regionCode)) throw siteNotFound();
  if (!checklistPolicy.createRun(actor, site.regionCode)) throw new AppError("forbidden");
  const county = site.regionCode.slice(0, 6);
  const template = await checklistVersion(deps.db, county, input.checklistId, input.version);
  if (!template)
    throw new AppError("checklist_not_found", {
      status: 422,
      zh: "检查表或其版本不存在，请同步后重新填写",
      en: "Checklist or version not found; sync and fill it again",
      details: { checklistId: input.checklistId, version: input.version },
    });
  checkAnswers(template, input.answers);
  const current = await currentChecklist(deps.db, county, input.checklistId);
  const now = deps.clock.now();
  const check = checkFieldRecord({
    clientAt: input.at,
    receivedAt: now.toISOString(),
    location: input.location,
    site: site.lon !== null && site.lat !== null ? { lng: site.lon, lat: site.lat } : null,
  });
  const flags: string[] = [...check.flags];
  if (current && current.version !== input.version) flags.push("checklist_changed");
  const failed = input.answers.filter((a) => a.answer === "no").map((a) => a.itemId);
  const row = {
    id: input.id,
    siteId: site.id,
    regionCode: site.regionCode,
    countyCode: county,
    checklistId: input.checklistId,
    version: input.version,
    answers: JSON.stringify(input.answers),
    failedCount: failed.length,
    evidenceIds: JSON.stringify(input.evidenceIds),
    lng: input.location?.lng ?? null,
    lat: input.location?.lat ?? null,
    accuracy: input.location?.accuracy ?? null,
    distanceM: check.distanceM,
    flags: JSON.stringify(flags),
    reports: "[]",
    requestHash: hash,
    createdBy: actor.id,
    clientAt: new Date(input.at).toISOString(),
    receivedAt: now.toISOString(),
  };
  try {
    await deps.db.transaction().execute(async (tx) => {
      const ids = [...input.evidenceIds, ...input.answers.flatMap((a) => a.evidenceIds)];
      const files = await checkEvidence(tx, evidenceStore(deps, tx), actor, ids, {
        subjectType: "checklist_run",
        subjectId: null,
      });
      await insertChecklistRun(tx, row);
      await attachChecked(tx, files, { subjectType: "checklist_run", subjectId: row.id }, row.regionCode);
      await insertEvent(
        tx,
        actor,
        {
          action: "site.checklist_recorded",
          subjectType: "site",
          subjectId: site.id,
          regionCode: site.regionCode,
          data: {
            runId: input.id,
            checklistId: input.checklistId,
            version: input.version,
            title: template.title,
            failed,
            flags,
            distanceM: check.distanceM,
            clientAt: row.clientAt,
          },
        },
        now,
      );
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const after = await replay(deps, actor, input.id, hash, en);
    if (after) return after;
    throw new AppError("conflict");
  }
  return { status: 201, body: presentRun({ ...row, createdByName: actor.displayName }, template, en) };
}
