import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import { dialectOf, type Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type {
  EquipmentIssueTable,
  PayLineTable,
  PayProfileTable,
  PaySettingTable,
  PaySheetTable,
} from "../schema/assessment-tables";

/** Pay settings, bank accounts, pay sheets and the equipment register (R20, issue 13.5). */
export const findPaySetting = (db: Tx, regionCode: string) =>
  db.selectFrom("paySetting").selectAll().where("regionCode", "=", regionCode).executeTakeFirst();

export async function savePaySetting(db: Tx, row: PaySettingTable) {
  const done = await db
    .updateTable("paySetting")
    .set({ settings: row.settings, updatedBy: row.updatedBy, updatedAt: row.updatedAt })
    .where("regionCode", "=", row.regionCode)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto("paySetting").values(row).execute();
}

export const findPayProfile = (db: Tx, userId: string) =>
  db.selectFrom("payProfile").selectAll().where("userId", "=", userId).executeTakeFirst();

export async function savePayProfile(db: Tx, row: PayProfileTable) {
  const done = await db
    .updateTable("payProfile")
    .set({
      regionCode: row.regionCode,
      bankName: row.bankName,
      bankAccount: row.bankAccount,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    })
    .where("userId", "=", row.userId)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto("payProfile").values(row).execute();
}

export const payProfilesUnder = (db: Tx, prefix: string) =>
  db.selectFrom("payProfile").selectAll().where("regionCode", "like", `${prefix}%`).execute();

export const insertPaySheet = (db: Tx, row: PaySheetTable) => db.insertInto("paySheet").values(row).execute();

export async function insertPayLines(db: Tx, rows: PayLineTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("payLine")
      .values(rows.slice(i, i + 200))
      .execute();
}

/** The sheet row, locked for update on PostgreSQL (approval and exclusions change it). */
export function findPaySheet(db: Tx, id: string, lock = false) {
  let q = db.selectFrom("paySheet").selectAll().where("id", "=", id);
  if (lock && dialectOf(db) === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

export const sheetsOfMonth = (db: Tx, regionCode: string, month: string) =>
  db
    .selectFrom("paySheet")
    .select(["id", "version", "status"])
    .where("regionCode", "=", regionCode)
    .where("month", "=", month)
    .orderBy("version", "desc")
    .execute();

export function listPaySheets(db: Tx, actor: PolicyActor, f: { region?: string; month?: string }) {
  let q = db
    .selectFrom("paySheet")
    .leftJoin("appUser as maker", "maker.id", "paySheet.createdBy")
    .leftJoin("appUser as approver", "approver.id", "paySheet.approvedBy")
    .leftJoin("region", "region.code", "paySheet.regionCode")
    .selectAll("paySheet")
    .select([
      "maker.displayName as createdByName",
      "approver.displayName as approvedByName",
      "region.name as regionName",
    ])
    .where((eb) => policyFilter(eb, ruleOf("paySheet", "read"), actor, "paySheet"));
  if (f.region) q = q.where("paySheet.regionCode", "like", `${f.region}%`);
  if (f.month) q = q.where("paySheet.month", "=", f.month);
  return q.orderBy("paySheet.month", "desc").orderBy("paySheet.version", "desc").limit(300).execute();
}

export const setPaySheet = (db: Tx, id: string, set: Partial<PaySheetTable>) =>
  db.updateTable("paySheet").set(set).where("id", "=", id).execute();

export const linesOfSheet = (db: Tx, sheetId: string) =>
  db
    .selectFrom("payLine")
    .selectAll()
    .where("sheetId", "=", sheetId)
    .orderBy("name")
    .orderBy("userId")
    .execute();

/**
 * The actor's own lines of approved (published) pay sheets, newest month first (我的报酬); `id` reads one.
 * Drafts and superseded versions are never shown: a line is the worker's pay only once approved.
 */
export function myPayLines(db: Tx, actor: PolicyActor, id?: string) {
  let q = db
    .selectFrom("payLine")
    .innerJoin("paySheet", "paySheet.id", "payLine.sheetId")
    .selectAll("payLine")
    .select(["paySheet.month", "paySheet.version", "paySheet.approvedAt", "paySheet.assessmentRunId"])
    .where((eb) => policyFilter(eb, ruleOf("payLine", "mine"), actor, "payLine"))
    .where("paySheet.status", "=", "approved");
  if (id !== undefined) q = q.where("payLine.id", "=", id);
  return q.orderBy("paySheet.month", "desc").orderBy("payLine.id").limit(120).execute();
}

export const findPayLine = (db: Tx, sheetId: string, id: string) =>
  db.selectFrom("payLine").selectAll().where("sheetId", "=", sheetId).where("id", "=", id).executeTakeFirst();

export const setPayLine = (db: Tx, id: string, set: Partial<PayLineTable>) =>
  db.updateTable("payLine").set(set).where("id", "=", id).execute();

export const insertEquipment = (db: Tx, row: EquipmentIssueTable) =>
  db.insertInto("equipmentIssue").values(row).execute();

export const findEquipment = (db: Tx, id: string) =>
  db.selectFrom("equipmentIssue").selectAll().where("id", "=", id).executeTakeFirst();

export const equipmentOf = (db: Tx, userId: string) =>
  db
    .selectFrom("equipmentIssue")
    .leftJoin("appUser as recorder", "recorder.id", "equipmentIssue.recordedBy")
    .selectAll("equipmentIssue")
    .select("recorder.displayName as recordedByName")
    .where("equipmentIssue.userId", "=", userId)
    .orderBy("equipmentIssue.issuedOn", "desc")
    .orderBy("equipmentIssue.recordedAt", "desc")
    .limit(500)
    .execute();

export const returnEquipment = (db: Tx, id: string, returnedOn: string) =>
  db
    .updateTable("equipmentIssue")
    .set({ returnedOn })
    .where("id", "=", id)
    .where("returnedOn", "is", null)
    .executeTakeFirst();
