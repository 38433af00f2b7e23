import type { Insertable } from "kysely";
import { insertRows } from "../compiled-queries";
import type { Tx } from "../db";
import type { NotificationTable } from "../schema/case-tables";
import { inScope } from "../scope";
import { deferRows } from "../tx-deferred";

export type NewNotification = Insertable<NotificationTable>;

const fieldRoles = ["grid_worker", "committee_member", "township_station"];
const officeRoles = ["county_office", "city_office", "province_office"];

/** Region codes whose prefix covers `code` (the heads at every level, and the code itself). */
export function regionHeads(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

export interface Recipient {
  id: string;
  phone: string | null;
}

const active = (db: Tx) => db.selectFrom("appUser").select(["id", "phone"]).where("status", "=", "active");

export function departmentUsers(db: Tx, departmentId: string): Promise<Recipient[]> {
  return active(db).where("departmentId", "=", departmentId).execute();
}

/** Safety-office users at exactly one level (a county, city or province code). */
export function officeUsers(db: Tx, regionCode: string): Promise<Recipient[]> {
  return active(db).where("role", "in", officeRoles).where("regionCode", "=", regionCode).execute();
}

/** Re-checkers whose jurisdiction covers a region: grid workers, committee members, township station. */
export function fieldUsers(db: Tx, regionCode: string): Promise<Recipient[]> {
  return active(db)
    .where("role", "in", fieldRoles)
    .where("regionCode", "in", regionHeads(regionCode))
    .execute();
}

export async function userRecipient(db: Tx, id: string): Promise<Recipient | undefined> {
  return active(db).where("id", "=", id).executeTakeFirst();
}

export async function insertNotifications(db: Tx, rows: NewNotification[]) {
  // In a PostgreSQL group commit, the batch's notifications go in one statement before its commit.
  const write = (tx: Tx, part: NewNotification[]) => insertRows(tx, "notification", part);
  if (rows.length && deferRows(db, "notification", rows, write)) return;
  for (let i = 0; i < rows.length; i += 200) await insertRows(db, "notification", rows.slice(i, i + 200));
}

export async function listInbox(
  db: Tx,
  userId: string,
  opts: { unread?: boolean; page: number; pageSize: number },
) {
  let q = db.selectFrom("notification").where("userId", "=", userId);
  if (opts.unread) q = q.where("readAt", "is", null);
  const items = await q
    .leftJoin("caseRecord", "caseRecord.id", "notification.caseId")
    .select([
      "notification.id",
      "notification.kind",
      "notification.caseId",
      "caseRecord.number as caseNumber",
      "notification.title",
      "notification.body",
      "notification.createdAt",
      "notification.readAt",
    ])
    .orderBy("notification.id", "desc")
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const unread = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return {
    items: items.map((i) => ({ ...i, id: Number(i.id) })),
    total: Number(total.n),
    unread: Number(unread.n),
  };
}

export async function markRead(db: Tx, userId: string, id: number | null, at: string): Promise<number> {
  let q = db
    .updateTable("notification")
    .set({ readAt: at })
    .where("userId", "=", userId)
    .where("readAt", "is", null);
  if (id !== null) q = q.where("id", "=", id);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function findNotification(db: Tx, id: number) {
  return db.selectFrom("notification").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Inbox notifications about a case, with the recipient's name (the case page shows who was told). */
export function caseNotifications(db: Tx, caseId: string, scope: string[]) {
  return db
    .selectFrom("notification")
    .leftJoin("appUser", "appUser.id", "notification.userId")
    .select([
      "notification.id",
      "notification.kind",
      "notification.userId",
      "appUser.displayName as userName",
      "notification.createdAt",
      "notification.readAt",
    ])
    .where("notification.caseId", "=", caseId)
    .where((eb) => inScope(eb, "notification.regionCode", scope))
    .orderBy("notification.id")
    .execute();
}
