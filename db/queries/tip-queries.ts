import type { Insertable } from "kysely";
import { insertRows } from "../compiled-queries";
import type { Tx } from "../db";
import type { TipInformantTable, TipMessageTable, TipTable } from "../schema/tip-tables";

/** A tip (a reused statement: tips are filed in bursts). */
export function insertTip(db: Tx, row: Insertable<TipTable>) {
  return insertRows(db, "tip", [row]);
}

export function insertTipInformant(db: Tx, row: TipInformantTable) {
  return insertRows(db, "tipInformant", [row]);
}

export function findTipByHash(db: Tx, trackingHash: string) {
  return db.selectFrom("tip").selectAll().where("trackingHash", "=", trackingHash).executeTakeFirst();
}

export function findTipByCase(db: Tx, caseId: string) {
  return db.selectFrom("tip").selectAll().where("caseId", "=", caseId).executeTakeFirst();
}

export function findTipInformant(db: Tx, tipId: string) {
  return db.selectFrom("tipInformant").selectAll().where("tipId", "=", tipId).executeTakeFirst();
}

export function insertTipMessage(db: Tx, row: TipMessageTable) {
  return db.insertInto("tipMessage").values(row).execute();
}

/** The thread of a tip, oldest first. */
export function listTipMessages(db: Tx, tipId: string) {
  return db
    .selectFrom("tipMessage")
    .select(["id", "direction", "body", "createdAt"])
    .where("tipId", "=", tipId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}

/** The case a tip became, with the columns the informant may see. */
export function findTipCase(db: Tx, caseId: string) {
  return db
    .selectFrom("caseRecord")
    .select(["id", "number", "stage", "open", "deadline", "reportedAt", "closedAt", "closeReason"])
    .where("id", "=", caseId)
    .executeTakeFirst();
}

/** Counties that take tips (those with an active lead department) and their townships, for the tip page. */
export async function tipRegions(db: Tx) {
  const counties = await db
    .selectFrom("department")
    .innerJoin("region", "region.code", "department.regionCode")
    .select(["region.code", "region.name"])
    .where("department.gridRole", "=", "lead")
    .where("department.status", "=", "active")
    .distinct()
    .orderBy("region.code")
    .execute();
  if (counties.length === 0) return [];
  const townships = await db
    .selectFrom("region")
    .select(["code", "name", "parentCode"])
    .where(
      "parentCode",
      "in",
      counties.map((c) => c.code),
    )
    .orderBy("code")
    .execute();
  return counties.map((c) => ({
    code: c.code,
    name: c.name,
    townships: townships.filter((t) => t.parentCode === c.code).map((t) => ({ code: t.code, name: t.name })),
  }));
}

export function findTip(db: Tx, id: string) {
  return db.selectFrom("tip").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The tip queue of the counties under the given scope prefixes, newest first, with their cases. */
export function listTips(db: Tx, scope: string[], limit: number, offset: number) {
  let q = db
    .selectFrom("tip")
    .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
    .select([
      "tip.id",
      "tip.kind",
      "tip.address",
      "tip.realName",
      "tip.createdAt",
      "tip.caseId",
      "caseRecord.number",
      "caseRecord.stage",
      "caseRecord.regionCode",
      "caseRecord.deadline",
      "caseRecord.open",
    ]);
  q = q.where((eb) =>
    eb.or(
      scope.map((p) =>
        eb.or([eb("tip.countyCode", "like", `${p}%`), eb("tip.countyCode", "=", p.slice(0, 6))]),
      ),
    ),
  );
  return q.orderBy("tip.createdAt", "desc").orderBy("tip.id").limit(limit).offset(offset).execute();
}

export interface Open311Filter {
  numbers?: string[];
  kinds?: string[];
  counties?: string[];
  start?: string;
  end?: string;
  open?: boolean;
  limit: number;
}

/** Cases from public tips as Open311 service requests (newest first), with the department holding each. */
export function listTipRequests(db: Tx, f: Open311Filter) {
  let q = db
    .selectFrom("tip")
    .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
    .leftJoin("department", "department.id", "caseRecord.ownerDepartmentId")
    .select([
      "tip.id as tipId",
      "tip.kind",
      "tip.address",
      "tip.countyCode",
      "caseRecord.number",
      "caseRecord.open",
      "caseRecord.stage",
      "caseRecord.deadline",
      "caseRecord.reportedAt",
      "caseRecord.updatedAt",
      "caseRecord.lng",
      "caseRecord.lat",
      "department.name as departmentName",
    ]);
  if (f.numbers?.length) q = q.where("caseRecord.number", "in", f.numbers);
  if (f.kinds?.length) q = q.where("tip.kind", "in", f.kinds);
  if (f.counties?.length) q = q.where("tip.countyCode", "in", f.counties);
  // The tip's filing time is its case's `reported_at`; filtering and ordering on the tip's own column lets
  // the `tip_county_created_kind` index walk one county's tips in time order (skipping other kinds inside
  // the index) instead of every case.
  if (f.start) q = q.where("tip.createdAt", ">=", f.start);
  if (f.end) q = q.where("tip.createdAt", "<=", f.end);
  if (f.open !== undefined) q = q.where("caseRecord.open", "=", f.open ? 1 : 0);
  return q.orderBy("tip.createdAt", "desc").limit(f.limit).execute();
}

/** The latest official reply of each tip (Open311 `status_notes`). */
export async function latestOfficialReplies(db: Tx, tipIds: string[]): Promise<Map<string, string>> {
  if (tipIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("tipMessage")
    .select(["tipId", "body", "createdAt", "id"])
    .where("tipId", "in", tipIds)
    .where("direction", "=", "official")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [r.tipId, r.body]));
}

export async function anyTip(db: Tx): Promise<boolean> {
  return !!(await db.selectFrom("tip").select("id").limit(1).executeTakeFirst());
}
