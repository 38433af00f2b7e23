import { insertEvent } from "../../../db/queries/event-queries";
import { findSite } from "../../../db/queries/site-queries";
import { findTaskRecord, insertTaskRecord } from "../../../db/queries/task-record-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { checkFieldRecord, type FieldFlag } from "../../../domain/schemas/field-schemas";
import { taskValuesSchema } from "../../../domain/tasks/task-form";
import { taskRecordInput } from "../../../domain/tasks/task-kinds";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { type Outcome, requestHash, runIdempotent } from "../cases/idempotent";
import { attachChecked, checkEvidence } from "../evidence/holder-evidence";
import { kindForRecord } from "./task-kinds";

export interface TaskRecordAnswer {
  id: string;
  kindCode: string;
  kindVersion: number;
  regionCode: string;
  receivedAt: string;
  distanceM: number | null;
  flags: FieldFlag[];
}

/** A site named by a record that is gone or out of reach answers 404 `site_not_found` (the phone keeps the record). */
const siteNotFound = () =>
  new AppError("site_not_found", {
    status: 404,
    zh: "场所不存在、已删除或已不在您的网格内，记录未提交，请去掉场所后重新提交",
    en: "Site not found, deleted or no longer in your grids; remove the site and submit again",
  });

/**
 * Records a task done in the field (POST /task-records), idempotent on the phone's id: the same id again
 * answers the stored record; the same id with another body is 409 `idempotency_key_reused`. The values are
 * checked with the zod schema built from the kind's form at the version the phone filled (a county kind
 * edited while the phone was offline: the old version still applies; retired: refused for work done after).
 * Location, accuracy, mock and clock are flagged, never refused (checkFieldRecord).
 */
export async function recordTask(deps: Deps, actor: Actor, raw: unknown): Promise<Outcome<TaskRecordAnswer>> {
  const input = parseInput(taskRecordInput, raw);
  const out = await runIdempotent<TaskRecordAnswer>(
    deps,
    actor,
    { key: input.id, hash: requestHash("task-record", raw) },
    async (tx) => {
      if (await findTaskRecord(tx, input.id))
        throw new AppError("idempotency_key_reused", {
          status: 409,
          zh: "该记录编号已被使用",
          en: "This record id was already used",
        });
      const site = input.siteId ? await findSite(tx, input.siteId) : undefined;
      if (input.siteId && (!site || !can(actor, "site", "read", site))) throw siteNotFound();
      const regionCode = site?.regionCode ?? actor.scope.find((p) => /^\d{6,}$/.test(p));
      if (!regionCode || !can(actor, "taskRecord", "create", { regionCode })) throw new AppError("forbidden");
      const clientAt = new Date(input.at).toISOString();
      const kind = await kindForRecord(
        tx,
        regionCode.slice(0, 6),
        input.kindCode,
        input.kindVersion,
        clientAt,
      );
      const values = parseInput(taskValuesSchema(kind.fields), input.values);
      if (input.evidenceIds.length < kind.minPhotos)
        throw new AppError("task_photos_missing", {
          zh: `“${kind.zh}”至少需要 ${kind.minPhotos} 张照片`,
          en: `At least ${kind.minPhotos} photo(s) needed`,
          details: { minPhotos: kind.minPhotos },
        });
      const files = await checkEvidence(tx, evidenceStore(deps, tx), actor, input.evidenceIds, {
        subjectType: "task_record",
        subjectId: null,
      });
      const now = deps.clock.now();
      const receivedAt = now.toISOString();
      const place = site && site.lon !== null && site.lat !== null ? { lng: site.lon, lat: site.lat } : null;
      const check = checkFieldRecord({ clientAt, receivedAt, location: input.location, site: place });
      await insertTaskRecord(tx, {
        id: input.id,
        kindCode: kind.code,
        kindVersion: kind.version,
        kindZh: kind.zh,
        regionCode,
        siteId: site?.id ?? null,
        recordedBy: actor.id,
        clientAt,
        receivedAt,
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        accuracy: input.location?.accuracy ?? null,
        distanceM: check.distanceM,
        flags: JSON.stringify(check.flags),
        fieldValues: JSON.stringify(values),
        evidenceIds: JSON.stringify(input.evidenceIds),
      });
      await attachChecked(tx, files, { subjectType: "task_record", subjectId: input.id }, regionCode);
      await insertEvent(
        tx,
        actor,
        {
          action: "task.recorded",
          subjectType: site ? "site" : "task_record",
          subjectId: site?.id ?? input.id,
          regionCode,
          data: { recordId: input.id, kind: kind.code, version: kind.version, flags: check.flags, clientAt },
        },
        now,
      );
      return {
        status: 201,
        body: {
          id: input.id,
          kindCode: kind.code,
          kindVersion: kind.version,
          regionCode,
          receivedAt,
          distanceM: check.distanceM,
          flags: check.flags,
        },
      };
    },
  );
  // the same id again answers the stored record as 200 (field contract), never a second 201
  return out.replay ? { ...out, status: 200 } : out;
}
