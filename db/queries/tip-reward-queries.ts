import type { Tx } from "../db";
import type { TipRewardTable } from "../schema/tip-tables";

export function insertTipReward(db: Tx, row: TipRewardTable) {
  return db.insertInto("tipReward").values(row).execute();
}

export function findTipReward(db: Tx, id: string) {
  return db.selectFrom("tipReward").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findRewardOfCase(db: Tx, caseId: string) {
  return db.selectFrom("tipReward").selectAll().where("caseId", "=", caseId).executeTakeFirst();
}

export function findRewardOfTip(db: Tx, tipId: string) {
  return db
    .selectFrom("tipReward")
    .select(["status", "amountYuan"])
    .where("tipId", "=", tipId)
    .executeTakeFirst();
}

export function updateTipReward(
  db: Tx,
  id: string,
  from: TipRewardTable["status"],
  patch: Partial<TipRewardTable>,
) {
  return db
    .updateTable("tipReward")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
}

/** Rewards of the counties under the scope prefixes, newest first, with their case numbers. */
export function listTipRewards(db: Tx, scope: string[], limit: number, offset: number) {
  return db
    .selectFrom("tipReward")
    .innerJoin("caseRecord", "caseRecord.id", "tipReward.caseId")
    .selectAll("tipReward")
    .select(["caseRecord.number", "caseRecord.regionCode"])
    .where((eb) =>
      eb.or(
        scope.map((p) =>
          eb.or([
            eb("tipReward.countyCode", "like", `${p}%`),
            eb("tipReward.countyCode", "=", p.slice(0, 6)),
          ]),
        ),
      ),
    )
    .orderBy("tipReward.proposedAt", "desc")
    .orderBy("tipReward.id")
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The real-name tips of a case and of the cases merged into it, first filed first. */
export function realNameTipsOfMatter(db: Tx, caseId: string) {
  return db
    .selectFrom("tip")
    .innerJoin("caseRecord", "caseRecord.id", "tip.caseId")
    .innerJoin("tipInformant", "tipInformant.tipId", "tip.id")
    .select(["tip.id", "tip.caseId", "tip.createdAt"])
    .where((eb) => eb.or([eb("tip.caseId", "=", caseId), eb("caseRecord.mergedInto", "=", caseId)]))
    .orderBy("tip.createdAt")
    .orderBy("tip.id")
    .execute();
}

export function findRewardRules(db: Tx, countyCode: string) {
  return db.selectFrom("tipRewardRules").selectAll().where("countyCode", "=", countyCode).executeTakeFirst();
}

export async function saveRewardRules(
  db: Tx,
  row: { countyCode: string; rules: string; updatedBy: string; updatedAt: string },
) {
  const done = await db
    .updateTable("tipRewardRules")
    .set({ rules: row.rules, updatedBy: row.updatedBy, updatedAt: row.updatedAt })
    .where("countyCode", "=", row.countyCode)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto("tipRewardRules").values(row).execute();
}
