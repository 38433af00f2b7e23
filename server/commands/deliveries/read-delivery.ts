import { findEvidence } from "../../../db/queries/case-evidence-queries";
import {
  deliveryProgress,
  findDelivery,
  gridIdsOfWorker,
  isDeliveryFile,
  listDeliveries,
  listTargets,
  listWorkerTargets,
} from "../../../db/queries/delivery-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { deliveryPolicy } from "../../../domain/policies/delivery-policy";
import type { DeliveryStatus } from "../../../domain/schemas/delivery-schemas";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { visibleDelivery } from "./create-delivery";

const parsedFilter = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** The deliveries the actor follows, newest first, with progress counts (removed targets apart). */
export async function listDeliveriesFor(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const { items, total } = await listDeliveries(deps.db, actor, page, pageSize);
  const progress = await deliveryProgress(
    deps.db,
    items.map((d) => d.id),
  );
  return {
    total,
    items: items.map((d) => ({
      id: d.id,
      title: d.title,
      regionCode: d.regionCode,
      departmentName: d.departmentName ?? null,
      dueDate: d.dueDate,
      createdAt: d.createdAt,
      filter: parsedFilter(d.filter),
      targetCount: d.targetCount,
      progress: progress.get(d.id)!,
    })),
  };
}

/** One delivery with the state of every target: who recorded it, when, where, why refused, which files. */
export async function readDelivery(deps: Deps, actor: Actor, id: string) {
  const d = await visibleDelivery(deps, actor, id);
  const targets = await listTargets(deps.db, id);
  const progress = (await deliveryProgress(deps.db, [id])).get(id)!;
  return {
    id: d.id,
    title: d.title,
    body: d.body,
    regionCode: d.regionCode,
    documentEvidenceId: d.documentEvidenceId,
    dueDate: d.dueDate,
    createdAt: d.createdAt,
    filter: parsedFilter(d.filter),
    targetCount: d.targetCount,
    progress,
    abilities: { manage: deliveryPolicy.manage(actor, d), export: deliveryPolicy.export(actor, d) },
    targets: targets.map((t) => ({
      siteId: t.siteId,
      siteName: t.siteName,
      regionCode: t.regionCode,
      address: t.address ?? null,
      status: t.status,
      removed: t.removedAt !== null,
      record: t.outcome
        ? {
            outcome: t.outcome,
            reason: t.reason,
            at: t.clientAt!,
            receivedAt: t.receivedAt!,
            location:
              t.lng !== null && t.lat !== null ? { lng: t.lng!, lat: t.lat!, accuracy: t.accuracy } : null,
            distanceM: t.distanceM,
            flags: JSON.parse(t.flags ?? "[]") as string[],
            evidenceIds: JSON.parse(t.evidenceIds ?? "[]") as string[],
            recordedBy: { id: t.recordedBy!, displayName: t.recorderName ?? "" },
          }
        : null,
    })),
  };
}
export type DeliveryDetail = Awaited<ReturnType<typeof readDelivery>>;

/** A field worker's deliveries (field contract): those with targets among their grids' sites. */
export async function myDeliveries(deps: Deps, actor: Actor) {
  const rows = await listWorkerTargets(deps.db, actor.id, await gridIdsOfWorker(deps.db, actor.id));
  const out = new Map<
    string,
    {
      id: string;
      title: string;
      body: string;
      documentEvidenceId: string | null;
      dueAt: string | null;
      createdAt: string;
      sites: { siteId: string; siteName: string; address: string; status: DeliveryStatus }[];
    }
  >();
  for (const r of rows) {
    if (!deliveryPolicy.record(actor, { regionCode: r.siteRegion })) continue;
    let d = out.get(r.deliveryId);
    if (!d) {
      d = {
        id: r.deliveryId,
        title: r.title,
        body: r.body,
        documentEvidenceId: r.documentEvidenceId,
        dueAt: r.dueDate,
        createdAt: r.createdAt,
        sites: [],
      };
      out.set(r.deliveryId, d);
    }
    d.sites.push({ siteId: r.siteId, siteName: r.siteName, address: r.address, status: r.status });
  }
  return [...out.values()];
}

/**
 * A file of a delivery: its document (for the sender's readers and the field staff it goes to) or a
 * record's photo or signature (for the sender's readers). 404 for anything else.
 */
export async function deliveryFile(deps: Deps, actor: Actor, id: string, evidenceId: string) {
  const d = await findDelivery(deps.db, id);
  if (!d) throw new AppError("not_found");
  let allowed = deliveryPolicy.read(actor, d) && (await isDeliveryFile(deps.db, d, evidenceId));
  if (!allowed && d.documentEvidenceId === evidenceId) {
    // the field staff it goes to: a target of this delivery among their sites (myDeliveries checks the rule)
    const mine = await myDeliveries(deps, actor);
    allowed = mine.some((m) => m.id === id);
  }
  if (!allowed) throw new AppError("not_found");
  const row = await findEvidence(deps.db, evidenceId);
  if (!row) throw new AppError("not_found");
  const stored = await evidenceStore(deps).open(row.sha256);
  if (!stored) throw new AppError("not_found");
  return { row, stored };
}
