import { insertEvent } from "../../../db/queries/event-queries";
import {
  findPatrol,
  findSiteForPatrol,
  insertPatrol,
  type PatrolRow,
} from "../../../db/queries/patrol-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { patrolPolicy } from "../../../domain/policies/patrol-policy";
import { checkFieldRecord, type FieldFlag } from "../../../domain/schemas/field-schemas";
import { patrolCheckInInput } from "../../../domain/schemas/patrol-schemas";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { requestHash, runIdempotent } from "../cases/idempotent";
import { attachChecked, checkEvidence } from "../evidence/holder-evidence";

export interface CheckInResult {
  id: string;
  siteId: string;
  distanceM: number | null;
  flags: FieldFlag[];
  clientAt: string;
  receivedAt: string;
}

/** A site that is gone, or no longer in the actor's jurisdiction (reassigned while the phone was offline). */
export const siteNotFound = () =>
  new AppError("site_not_found", {
    status: 404,
    zh: "该场所已不存在，或已调出您的辖区：本次巡查未记录，请核对后联系乡镇（街道）",
    en: "The site no longer exists or is no longer in your area; the patrol was not recorded",
  });

const resultOf = (row: PatrolRow): CheckInResult => ({
  id: row.id,
  siteId: row.siteId,
  distanceM: row.distanceM,
  flags: JSON.parse(row.flags) as FieldFlag[],
  clientAt: row.clientAt,
  receivedAt: row.receivedAt,
});

/**
 * A patrol check-in (R22) sent from the phone's outbox, idempotent on the phone's id: the same id again
 * answers 200 with the stored record, the same id with another body 409 `idempotency_key_reused`.
 * The distance to the site's point is recorded; far away, poor or mock location, no location or a phone
 * clock ahead of the server flag the record (never refuse it). Server time orders it and decides its period.
 * A site deleted, or moved out of the actor's jurisdiction while the phone was offline: 404 `site_not_found`
 * (nothing recorded; the phone keeps the item and says so). A site moved to another grid within the
 * jurisdiction, or closed meanwhile, is accepted: the visit happened.
 */
export async function checkIn(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(patrolCheckInInput, raw);
  const hash = requestHash("patrol.check_in", input);
  const out = await runIdempotent<CheckInResult>(
    deps,
    actor,
    { key: `patrol:${input.id}`, hash },
    async (tx) => {
      const existing = await findPatrol(tx, input.id);
      if (existing) {
        const same =
          existing.userId === actor.id &&
          existing.siteId === input.siteId &&
          existing.clientAt === new Date(input.at).toISOString();
        if (!same)
          throw new AppError("idempotency_key_reused", {
            status: 409,
            zh: "该记录编号已用于另一条巡查记录",
            en: "This record id was used for a different patrol",
          });
        return { status: 200, body: resultOf(existing) };
      }
      const site = await findSiteForPatrol(tx, input.siteId);
      if (!site || !patrolPolicy.read(actor, site)) throw siteNotFound();
      if (!patrolPolicy.record(actor, site)) throw new AppError("forbidden");
      const files = await checkEvidence(tx, evidenceStore(deps, tx), actor, input.evidenceIds, {
        subjectType: "patrol",
        subjectId: null,
      });
      const now = deps.clock.now();
      const receivedAt = now.toISOString();
      const check = checkFieldRecord({
        clientAt: input.at,
        receivedAt,
        location: input.location,
        site: site.lon !== null && site.lat !== null ? { lng: site.lon, lat: site.lat } : null,
      });
      const row: PatrolRow = {
        id: input.id,
        siteId: site.id,
        regionCode: site.regionCode,
        gridId: site.gridId,
        userId: actor.id,
        clientAt: new Date(input.at).toISOString(),
        receivedAt,
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        accuracy: input.location?.accuracy ?? null,
        mock: input.location?.mock ? 1 : 0,
        distanceM: check.distanceM,
        flags: JSON.stringify(check.flags),
        note: input.note ?? null,
        evidenceIds: JSON.stringify(input.evidenceIds),
      };
      await insertPatrol(tx, row);
      await attachChecked(tx, files, { subjectType: "patrol", subjectId: row.id }, row.regionCode);
      await insertEvent(
        tx,
        actor,
        {
          action: "site.patrolled",
          subjectType: "site",
          subjectId: site.id,
          regionCode: site.regionCode,
          data: {
            patrolId: row.id,
            clientAt: row.clientAt,
            distanceM: row.distanceM,
            accuracy: row.accuracy,
            flags: check.flags,
            note: row.note,
            evidenceIds: input.evidenceIds,
          },
        },
        now,
      );
      return { status: 201, body: resultOf(row) };
    },
  );
  return { status: out.replay ? 200 : out.status, body: out.body };
}
