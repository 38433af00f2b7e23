import {
  findDelivery,
  findDeliveryRecord,
  findEvidenceOwners,
  findSiteForDelivery,
  findTarget,
  gridIdsOfWorker,
  insertDeliveryRecord,
  recordTarget,
} from "../../../db/queries/delivery-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { deliveryPolicy } from "../../../domain/policies/delivery-policy";
import { deliveryRecordInput } from "../../../domain/schemas/delivery-schemas";
import { checkFieldRecord } from "../../../domain/schemas/field-schemas";
import type { Deps } from "../../deps";
import { requestHash, runIdempotent } from "../cases/idempotent";

export interface DeliveryRecordView {
  id: string;
  deliveryId: string;
  siteId: string;
  outcome: "delivered" | "refused";
  receivedAt: string;
  distanceM: number | null;
  flags: string[];
}

const siteGone = () =>
  new AppError("site_not_found", {
    status: 404,
    zh: "该场所已被删除，无法登记送达",
    en: "The site no longer exists",
  });

/**
 * A grid worker's record of one target (R15), idempotent on the phone's id: the same id again answers
 * the stored record (200), the same id with another body 409 `idempotency_key_reused`.
 *
 * Refused with a stable code: 404 `not_found` (a delivery or a target the actor may not see),
 * 404 `delivery_target_not_found`, 404 `site_not_found` (deleted while the phone was offline),
 * 403 `delivery_site_not_yours` (the site is not in the worker's grids, neither now nor when it was sent),
 * 409 `delivery_target_removed` (the department took the site out while the phone was offline),
 * 409 `delivery_already_recorded` (someone else recorded it first; details say who and how),
 * 422 `delivery_evidence_invalid`. ACCEPTED AND FLAGGED: a site moved to another grid while the phone was
 * offline, recorded by a worker of the grid it had when the delivery was sent (flag `site_reassigned`),
 * and the field flags of `checkFieldRecord` (far from the site, poor or mock location, no location, clock).
 */
export async function recordDelivery(deps: Deps, actor: Actor, deliveryId: string, raw: unknown) {
  const input = parseInput(deliveryRecordInput, raw);
  const hash = requestHash(`delivery.record ${deliveryId}`, input);
  const out = await runIdempotent<DeliveryRecordView>(deps, actor, { key: input.id, hash }, async (tx) => {
    if (await findDeliveryRecord(tx, input.id))
      throw new AppError("idempotency_key_reused", {
        status: 409,
        zh: "该记录编号已用于另一条送达记录",
        en: "This record id was used for another record",
      });
    const delivery = await findDelivery(tx, deliveryId);
    if (!delivery) throw new AppError("not_found");
    const target = await findTarget(tx, deliveryId, input.siteId, true);
    if (!target) throw new AppError("delivery_target_not_found");
    if (!deliveryPolicy.record(actor, target)) throw new AppError("not_found");
    const site = await findSiteForDelivery(tx, input.siteId);
    if (!site) throw siteGone();
    const mine = await gridIdsOfWorker(tx, actor.id);
    const servesNow = site.workerId === actor.id || (!!site.gridId && mine.includes(site.gridId));
    const servedThen = !!target.gridId && mine.includes(target.gridId);
    if (!servesNow && !servedThen) throw new AppError("delivery_site_not_yours");
    if (target.removedAt) throw new AppError("delivery_target_removed");
    if (target.status !== "pending") {
      const prior = target.recordId ? await findDeliveryRecord(tx, target.recordId) : undefined;
      throw new AppError("delivery_already_recorded", {
        details: {
          status: target.status,
          recordedBy: prior?.recordedBy ?? null,
          at: prior?.clientAt ?? null,
        },
      });
    }
    const owners = await findEvidenceOwners(tx, input.evidenceIds);
    if (owners.length !== new Set(input.evidenceIds).size || owners.some((e) => e.uploadedBy !== actor.id))
      throw new AppError("delivery_evidence_invalid");

    const now = deps.clock.now();
    const receivedAt = now.toISOString();
    const check = checkFieldRecord({
      clientAt: input.at,
      receivedAt,
      location: input.location,
      site: site.lon !== null && site.lat !== null ? { lng: site.lon, lat: site.lat } : null,
    });
    const flags: string[] = [...check.flags, ...(servesNow ? [] : ["site_reassigned"])];
    const view: DeliveryRecordView = {
      id: input.id,
      deliveryId,
      siteId: input.siteId,
      outcome: input.outcome,
      receivedAt,
      distanceM: check.distanceM,
      flags,
    };
    await insertDeliveryRecord(tx, {
      id: input.id,
      deliveryId,
      siteId: input.siteId,
      outcome: input.outcome,
      reason: input.reason ?? null,
      clientAt: new Date(input.at).toISOString(),
      receivedAt,
      lng: input.location?.lng ?? null,
      lat: input.location?.lat ?? null,
      accuracy: input.location?.accuracy ?? null,
      distanceM: check.distanceM,
      flags: JSON.stringify(flags),
      evidenceIds: JSON.stringify(input.evidenceIds),
      recordedBy: actor.id,
    });
    if (!(await recordTarget(tx, deliveryId, input.siteId, input.outcome, input.id)))
      throw new AppError("delivery_already_recorded");
    await insertEvent(
      tx,
      actor,
      {
        action: "delivery.recorded",
        subjectType: "delivery",
        subjectId: deliveryId,
        regionCode: target.regionCode,
        data: {
          recordId: input.id,
          siteId: input.siteId,
          siteName: target.siteName,
          outcome: input.outcome,
          reason: input.reason ?? null,
          clientAt: input.at,
          distanceM: check.distanceM,
          flags,
          evidenceIds: input.evidenceIds,
        },
      },
      now,
    );
    return { status: 201, body: view };
  });
  return { status: out.replay ? 200 : 201, body: out.body };
}
