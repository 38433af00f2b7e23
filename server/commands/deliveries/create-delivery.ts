import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { findEvidence } from "../../../db/queries/case-evidence-queries";
import {
  countTargetSites,
  findDelivery,
  insertDelivery,
  listTargetSites,
  removeTarget,
} from "../../../db/queries/delivery-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { deliveryPolicy } from "../../../domain/policies/delivery-policy";
import {
  createDeliveryInput,
  type DeliveryTargetFilter,
  deliveryTargetFilter,
  maxDeliveryTargets,
} from "../../../domain/schemas/delivery-schemas";
import type { Deps } from "../../deps";

/** The sender must be allowed to send in the filter's region (403), and it must be within their scope. */
function checkRegion(actor: Actor, filter: DeliveryTargetFilter) {
  if (!deliveryPolicy.create(actor, filter.region))
    throw new AppError("forbidden", { zh: "无权向该区域送达文件", en: "You may not send to this region" });
}

/** What a filter finds before sending: the count and the first sites (the sender confirms the count). */
export async function previewDelivery(deps: Deps, actor: Actor, raw: unknown) {
  const filter = parseInput(deliveryTargetFilter, raw);
  checkRegion(actor, filter);
  const count = await countTargetSites(deps.db, actor, filter);
  const sample = await listTargetSites(deps.db, actor, filter, 20);
  return {
    count,
    tooMany: count > maxDeliveryTargets,
    sample: sample.map((s) => ({ siteId: s.id, siteName: s.name, regionCode: s.regionCode })),
  };
}

/**
 * Sends a delivery: its targets are the sites the filter finds now among those the sender may read (a
 * snapshot; sites registered later are not added). Refused when nothing matches, when more than the limit
 * matches, or when the count differs from the one the sender confirmed (409 `delivery_count_changed`).
 */
export async function createDelivery(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(createDeliveryInput, raw);
  checkRegion(actor, input.filter);
  if (input.documentEvidenceId) {
    const doc = await findEvidence(deps.db, input.documentEvidenceId);
    if (!doc || doc.uploadedBy !== actor.id) throw new AppError("delivery_evidence_invalid");
  }
  const now = deps.clock.now();
  const id = randomUUID();
  return deps.db.transaction().execute(async (tx) => {
    const sites = await listTargetSites(tx, actor, input.filter, maxDeliveryTargets + 1);
    if (sites.length === 0) throw new AppError("delivery_no_targets");
    if (sites.length > maxDeliveryTargets) throw new AppError("delivery_too_many_targets");
    if (input.expectedCount !== undefined && input.expectedCount !== sites.length)
      throw new AppError("delivery_count_changed", {
        details: { expected: input.expectedCount, found: sites.length },
      });
    await storeDelivery(
      tx,
      actor,
      {
        id,
        filter: input.filter,
        title: input.title,
        body: input.body,
        documentEvidenceId: input.documentEvidenceId ?? null,
        dueDate: input.dueDate ?? null,
      },
      sites,
      now,
      { dueDate: input.dueDate ?? null },
    );
    return { id, targetCount: sites.length };
  });
}

type TargetSite = Awaited<ReturnType<typeof listTargetSites>>[number];

/**
 * Stores a delivery sent by `sender` at `at` with its target sites (all pending) and records `delivery.created`
 * on the trail with `eventData` after the title, filter and target count (the command and the demo county).
 */
export async function storeDelivery(
  tx: Tx,
  sender: Actor,
  d: {
    id: string;
    filter: DeliveryTargetFilter;
    title: string;
    body: string;
    documentEvidenceId: string | null;
    dueDate: string | null;
  },
  sites: TargetSite[],
  at: Date,
  eventData: Record<string, unknown>,
) {
  await insertDelivery(
    tx,
    {
      id: d.id,
      regionCode: d.filter.region,
      departmentId: sender.departmentId,
      title: d.title,
      body: d.body,
      documentEvidenceId: d.documentEvidenceId,
      dueDate: d.dueDate,
      filter: JSON.stringify(d.filter),
      targetCount: sites.length,
      createdBy: sender.id,
      createdAt: at.toISOString(),
    },
    sites.map((s) => ({
      deliveryId: d.id,
      siteId: s.id,
      siteName: s.name,
      regionCode: s.regionCode,
      gridId: s.gridId,
      status: "pending" as const,
      recordId: null,
      removedAt: null,
    })),
  );
  await insertEvent(
    tx,
    sender,
    {
      action: "delivery.created",
      subjectType: "delivery",
      subjectId: d.id,
      regionCode: d.filter.region,
      data: { title: d.title, filter: d.filter, targets: sites.length, ...eventData },
    },
    at,
  );
}

/** A delivery the actor may read, else 404. */
export async function visibleDelivery(deps: Deps, actor: Actor, id: string) {
  const d = await findDelivery(deps.db, id);
  if (!d || !deliveryPolicy.read(actor, d)) throw new AppError("not_found");
  return d;
}

/** Takes one site out of a delivery (it no longer needs the document); a record already made stays. */
export async function removeDeliveryTarget(deps: Deps, actor: Actor, id: string, siteId: string) {
  const d = await visibleDelivery(deps, actor, id);
  if (!deliveryPolicy.manage(actor, d)) throw new AppError("forbidden");
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await removeTarget(tx, id, siteId, now.toISOString())))
      throw new AppError("delivery_target_not_found");
    await insertEvent(
      tx,
      actor,
      {
        action: "delivery.target_removed",
        subjectType: "delivery",
        subjectId: id,
        regionCode: d.regionCode,
        data: { siteId },
      },
      now,
    );
  });
}
