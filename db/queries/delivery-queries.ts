import type { SelectQueryBuilder } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { DeliveryTargetFilter } from "../../domain/schemas/delivery-schemas";
import { dialectOf, type Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { DB } from "../schema";
import type { DeliveryRecordTable, DeliveryTable, DeliveryTargetTable } from "../schema/delivery-tables";
import { bulkInsert, filterSites } from "./site-queries";

export type DeliveryRow = DeliveryTable;
export type DeliveryTargetRow = DeliveryTargetTable;
export type DeliveryRecordRow = DeliveryRecordTable;

// biome-ignore lint/suspicious/noExplicitAny: the site filter's query type
type SiteQuery = SelectQueryBuilder<DB & Record<string, any>, "site", any>;

/** The sites a filter finds that the actor may read (the site list's own filter), closed sites left out. */
function targetSites(db: Tx, actor: PolicyActor, f: DeliveryTargetFilter) {
  const q = db.selectFrom("site").where("site.status", "!=", "closed") as unknown as SiteQuery;
  return filterSites(q, actor, {
    region: f.region,
    kind: f.kind,
    industry: f.industry,
    riskLevel: f.riskLevel,
  });
}

export async function countTargetSites(db: Tx, actor: PolicyActor, f: DeliveryTargetFilter) {
  const row = await targetSites(db, actor, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number((row as { n: number }).n);
}

/** Up to `limit` target sites (id, name, region, grid), in a stable order. */
export async function listTargetSites(db: Tx, actor: PolicyActor, f: DeliveryTargetFilter, limit: number) {
  return (await targetSites(db, actor, f)
    .select(["site.id", "site.name", "site.regionCode", "site.gridId"])
    .orderBy("site.regionCode")
    .orderBy("site.name")
    .orderBy("site.id")
    .limit(limit)
    .execute()) as { id: string; name: string; regionCode: string; gridId: string | null }[];
}

export async function insertDelivery(db: Tx, row: DeliveryRow, targets: DeliveryTargetRow[]) {
  await db.insertInto("delivery").values(row).execute();
  await bulkInsert(db, "delivery_target", targets, 200);
}

export function findDelivery(db: Tx, id: string) {
  return db.selectFrom("delivery").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Deliveries the actor may read (the access table's rule as SQL), newest first. */
export async function listDeliveries(db: Tx, actor: PolicyActor, page: number, pageSize: number) {
  const q = db
    .selectFrom("delivery")
    .where((eb) => policyFilter(eb, ruleOf("delivery", "read"), actor, "delivery"));
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const items = await q
    .leftJoin("department", "department.id", "delivery.departmentId")
    .selectAll("delivery")
    .select("department.name as departmentName")
    .orderBy("delivery.createdAt", "desc")
    .orderBy("delivery.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

export type DeliveryProgress = Record<"pending" | "delivered" | "refused" | "removed", number>;

/** Targets per status for each delivery (removed targets counted apart). */
export async function deliveryProgress(db: Tx, ids: string[]): Promise<Map<string, DeliveryProgress>> {
  const out = new Map<string, DeliveryProgress>();
  for (const id of ids) out.set(id, { pending: 0, delivered: 0, refused: 0, removed: 0 });
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("deliveryTarget")
    .select(["deliveryId", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .select((eb) => eb.case().when("removedAt", "is", null).then(0).else(1).end().as("removed"))
    .where("deliveryId", "in", ids)
    .groupBy(["deliveryId", "status", "removed"])
    .execute();
  for (const r of rows) {
    const p = out.get(r.deliveryId)!;
    if (Number(r.removed) === 1) p.removed += Number(r.n);
    else p[r.status] += Number(r.n);
  }
  return out;
}

/** Every target of a delivery with its record and the recorder's name, by region then name. */
export function listTargets(db: Tx, deliveryId: string) {
  return db
    .selectFrom("deliveryTarget")
    .leftJoin("deliveryRecord", "deliveryRecord.id", "deliveryTarget.recordId")
    .leftJoin("appUser", "appUser.id", "deliveryRecord.recordedBy")
    .leftJoin("site", "site.id", "deliveryTarget.siteId")
    .selectAll("deliveryTarget")
    .select([
      "site.address as address",
      "deliveryRecord.outcome",
      "deliveryRecord.reason",
      "deliveryRecord.clientAt",
      "deliveryRecord.receivedAt",
      "deliveryRecord.lng",
      "deliveryRecord.lat",
      "deliveryRecord.accuracy",
      "deliveryRecord.distanceM",
      "deliveryRecord.flags",
      "deliveryRecord.evidenceIds",
      "deliveryRecord.recordedBy",
      "appUser.displayName as recorderName",
    ])
    .where("deliveryTarget.deliveryId", "=", deliveryId)
    .orderBy("deliveryTarget.regionCode")
    .orderBy("deliveryTarget.siteName")
    .orderBy("deliveryTarget.siteId")
    .execute();
}
export type DeliveryTargetDetail = Awaited<ReturnType<typeof listTargets>>[number];

/** One target, locked for the update on PostgreSQL (two workers recording it at once: one wins). */
export function findTarget(db: Tx, deliveryId: string, siteId: string, lock = false) {
  let q = db
    .selectFrom("deliveryTarget")
    .selectAll()
    .where("deliveryId", "=", deliveryId)
    .where("siteId", "=", siteId);
  if (lock && dialectOf(db) === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Marks a pending target recorded; false when it was no longer pending (someone else was first). */
export async function recordTarget(
  db: Tx,
  deliveryId: string,
  siteId: string,
  status: "delivered" | "refused",
  recordId: string,
) {
  const res = await db
    .updateTable("deliveryTarget")
    .set({ status, recordId })
    .where("deliveryId", "=", deliveryId)
    .where("siteId", "=", siteId)
    .where("status", "=", "pending")
    .where("removedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function removeTarget(db: Tx, deliveryId: string, siteId: string, at: string) {
  const res = await db
    .updateTable("deliveryTarget")
    .set({ removedAt: at })
    .where("deliveryId", "=", deliveryId)
    .where("siteId", "=", siteId)
    .where("removedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertDeliveryRecord(db: Tx, row: DeliveryRecordRow) {
  return db.insertInto("deliveryRecord").values(row).execute();
}

export function findDeliveryRecord(db: Tx, id: string) {
  return db.selectFrom("deliveryRecord").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The grids a user serves. */
export async function gridIdsOfWorker(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("gridWorker").select("gridId").where("userId", "=", userId).execute();
  return rows.map((r) => r.gridId);
}

/**
 * The targets a field worker hands over: those whose site now lies in one of their grids or is assigned to
 * them, of every delivery (removed targets left out), newest delivery first.
 */
export function listWorkerTargets(db: Tx, userId: string, gridIds: string[]) {
  return db
    .selectFrom("deliveryTarget")
    .innerJoin("delivery", "delivery.id", "deliveryTarget.deliveryId")
    .innerJoin("site", "site.id", "deliveryTarget.siteId")
    .select([
      "delivery.id as deliveryId",
      "delivery.title",
      "delivery.body",
      "delivery.documentEvidenceId",
      "delivery.dueDate",
      "delivery.createdAt",
      "deliveryTarget.siteId",
      "site.name as siteName",
      "site.address",
      "site.regionCode as siteRegion",
      "deliveryTarget.status",
    ])
    .where("deliveryTarget.removedAt", "is", null)
    .where((eb) =>
      eb.or([
        eb("site.workerId", "=", userId),
        ...(gridIds.length ? [eb("site.gridId", "in", gridIds)] : []),
      ]),
    )
    .orderBy("delivery.createdAt", "desc")
    .orderBy("delivery.id")
    .orderBy("site.name")
    .execute();
}

/** The site's current grid, worker and location (for the grid check and the distance flag). */
export function findSiteForDelivery(db: Tx, siteId: string) {
  return db
    .selectFrom("site")
    .select(["id", "regionCode", "gridId", "workerId", "lon", "lat", "status"])
    .where("id", "=", siteId)
    .executeTakeFirst();
}

/** Evidence rows by id with their uploader (a record's proof must be the recorder's own upload). */
export function findEvidenceOwners(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: string; uploadedBy: string }[]);
  return db.selectFrom("evidence").select(["id", "uploadedBy"]).where("id", "in", ids).execute();
}

/** True when the evidence id is the document or one of the records' files of this delivery. */
export async function isDeliveryFile(db: Tx, delivery: DeliveryRow, evidenceId: string) {
  if (delivery.documentEvidenceId === evidenceId) return true;
  const rows = await db
    .selectFrom("deliveryRecord")
    .select("evidenceIds")
    .where("deliveryId", "=", delivery.id)
    .where("evidenceIds", "like", `%"${evidenceId.replace(/[%_"\\]/g, "")}"%`)
    .execute();
  return rows.some((r) => (JSON.parse(r.evidenceIds) as string[]).includes(evidenceId));
}

/** True when a delivery was sent in the region (the demo step runs once). */
export async function anyDeliveryUnder(db: Tx, prefix: string): Promise<boolean> {
  const row = await db
    .selectFrom("delivery")
    .select("id")
    .where("regionCode", "like", `${prefix}%`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
