import { dialectOf, type Tx } from "../db";
import type {
  EquipmentIssueTable,
  PayLineTable,
  PayProfileTable,
  PaySheetTable,
} from "../schema/assessment-tables";

export const findPaySetting = (db: Tx, regionCode: string) =>
  db.selectFrom("paySetting").selectAll().where("regionCode", "=", regionCode).executeTakeFirst();

export async function savePaySetting(
  db: Tx,
  row: { regionCode: string; settings: string; updatedBy: string; updatedAt: string },
) {
  const n = await db
    .updateTable("paySetting")
    .set({ settings: row.settings, updatedBy: row.updatedBy, updatedAt: row.updatedAt })
    .where("regionCode", "=", row.regionCode)
    .executeTakeFirst();
  if (Number(n.numUpdatedRows) === 0) await db.insertInto("paySetting").values(row).execute();
}

export const findPayProfile = (db: Tx, userId: string) =>
  db.selectFrom("payProfile").selectAll().where("userId", "=", userId).executeTakeFirst();

export async function savePayProfile(db: Tx, row: PayProfileTable) {
  await db.deleteFrom("payProfile").where("userId", "=", row.userId).execute();
  await db.insertInto("payProfile").values(row).execute();
}

export async function payProfilesOf(db: Tx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom("payProfile").selectAll().where("userId", "in", userIds).execute();
}

export const sheetsOfMonth = (db: Tx, regionCode: string, month: string) =>
  db
    .selectFrom("paySheet")
    .select(["id", "version", "status"])
    .where("regionCode", "=", regionCode)
    .where("month", "=", month)
    .orderBy("version", "desc")
    .execute();

export async function insertSheet(db: Tx, sheet: PaySheetTable, lines: PayLineTable[]) {
  await db.insertInto("paySheet").values(sheet).execute();
  for (let i = 0; i < lines.length; i += 200)
    await db
      .insertInto("payLine")
      .values(lines.slice(i, i + 200))
      .execute();
}

export function findSheet(db: Tx, id: string, lock = false) {
  let q = db.selectFrom("paySheet").selectAll().where("id", "=", id);
  if (lock && dialectOf(db) === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

export const setSheet = (db: Tx, id: string, set: Partial<PaySheetTable>) =>
  db.updateTable("paySheet").set(set).where("id", "=", id).execute();

export const listSheets = (db: Tx, prefixes: string[], region?: string) => {
  let q = db
    .selectFrom("paySheet")
    .leftJoin("appUser as maker", "maker.id", "paySheet.createdBy")
    .leftJoin("appUser as approver", "approver.id", "paySheet.approvedBy")
    .selectAll("paySheet")
    .select(["maker.displayName as createdByName", "approver.displayName as approvedByName"])
    .where((eb) => eb.or(prefixes.map((p) => eb("paySheet.regionCode", "like", `${p}%`))));
  if (region) q = q.where("paySheet.regionCode", "like", `${region}%`);
  return q.orderBy("paySheet.month", "desc").orderBy("paySheet.version", "desc").limit(200).execute();
};

export const linesOfSheet = (db: Tx, sheetId: string) =>
  db
    .selectFrom("payLine")
    .selectAll()
    .where("sheetId", "=", sheetId)
    .orderBy("regionCode")
    .orderBy("name")
    .execute();

/** A worker's own lines of approved sheets, newest month first. */
export const approvedLinesOf = (db: Tx, userId: string) =>
  db
    .selectFrom("payLine")
    .innerJoin("paySheet", "paySheet.id", "payLine.sheetId")
    .selectAll("payLine")
    .select(["paySheet.month", "paySheet.version"])
    .where("payLine.userId", "=", userId)
    .where("paySheet.status", "=", "approved")
    .orderBy("paySheet.month", "desc")
    .limit(24)
    .execute();

export const insertEquipment = (db: Tx, row: EquipmentIssueTable) =>
  db.insertInto("equipmentIssue").values(row).execute();

export const findEquipment = (db: Tx, id: string) =>
  db.selectFrom("equipmentIssue").selectAll().where("id", "=", id).executeTakeFirst();

export const returnEquipment = (db: Tx, id: string, on: string) =>
  db.updateTable("equipmentIssue").set({ returnedOn: on }).where("id", "=", id).execute();

export const listEquipment = (db: Tx, f: { userId?: string; prefixes?: string[] }) => {
  let q = db
    .selectFrom("equipmentIssue")
    .leftJoin("appUser", "appUser.id", "equipmentIssue.userId")
    .selectAll("equipmentIssue")
    .select("appUser.displayName as userName");
  if (f.userId) q = q.where("equipmentIssue.userId", "=", f.userId);
  if (f.prefixes) {
    const ps = f.prefixes;
    q = q.where((eb) => eb.or(ps.map((p) => eb("equipmentIssue.regionCode", "like", `${p}%`))));
  }
  return q.orderBy("equipmentIssue.issuedOn", "desc").orderBy("equipmentIssue.id").limit(500).execute();
};

export const findUserBrief = (db: Tx, id: string) =>
  db
    .selectFrom("appUser")
    .select(["id", "displayName", "role", "regionCode"])
    .where("id", "=", id)
    .executeTakeFirst();
