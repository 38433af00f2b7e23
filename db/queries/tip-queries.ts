import type { Tx } from "../db";
import type { TipInformantTable, TipMessageTable, TipTable } from "../schema/tip-tables";

export function insertTip(db: Tx, row: TipTable) {
  return db.insertInto("tip").values(row).execute();
}

export function insertTipInformant(db: Tx, row: TipInformantTable) {
  return db.insertInto("tipInformant").values(row).execute();
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
