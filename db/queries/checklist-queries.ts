import type { StoredChecklist } from "../../domain/checklist/checklist-rules";
import type { Tx } from "../db";
import type { ChecklistRunTable, ChecklistTemplateTable } from "../schema/checklist-tables";

const toStored = (r: ChecklistTemplateTable): StoredChecklist => ({
  id: r.id,
  version: Number(r.version),
  title: r.title,
  siteKinds: JSON.parse(r.siteKinds),
  industries: JSON.parse(r.industries),
  items: JSON.parse(r.items),
  status: r.status,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** The newest stored version of each of a county's checklists. */
export async function latestCountyChecklists(db: Tx, countyCode: string): Promise<StoredChecklist[]> {
  const rows = await db
    .selectFrom("checklistTemplate")
    .selectAll()
    .where("countyCode", "=", countyCode)
    .orderBy("id")
    .orderBy("version", "desc")
    .execute();
  const out: StoredChecklist[] = [];
  for (const r of rows) if (out.at(-1)?.id !== r.id) out.push(toStored(r));
  return out;
}

/** Every stored version of one checklist of a county, newest first. */
export async function checklistVersions(db: Tx, countyCode: string, id: string): Promise<StoredChecklist[]> {
  const rows = await db
    .selectFrom("checklistTemplate")
    .selectAll()
    .where("countyCode", "=", countyCode)
    .where("id", "=", id)
    .orderBy("version", "desc")
    .execute();
  return rows.map(toStored);
}

export async function findChecklistVersion(db: Tx, countyCode: string, id: string, version: number) {
  const r = await db
    .selectFrom("checklistTemplate")
    .selectAll()
    .where("countyCode", "=", countyCode)
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return r ? toStored(r) : undefined;
}

/** A new version (the primary key refuses a second writer of the same version: a unique violation). */
export function insertChecklistVersion(db: Tx, row: ChecklistTemplateTable) {
  return db.insertInto("checklistTemplate").values(row).execute();
}

export function findChecklistRun(db: Tx, id: string) {
  return db.selectFrom("checklistRun").selectAll().where("id", "=", id).executeTakeFirst();
}

export function insertChecklistRun(db: Tx, row: ChecklistRunTable) {
  return db.insertInto("checklistRun").values(row).execute();
}

export function updateChecklistRunReports(db: Tx, id: string, reports: string) {
  return db.updateTable("checklistRun").set({ reports }).where("id", "=", id).execute();
}

/** A site's runs, newest first, with who filled them. */
export function listSiteChecklistRuns(db: Tx, siteId: string, limit = 100) {
  return db
    .selectFrom("checklistRun")
    .leftJoin("appUser", "appUser.id", "checklistRun.createdBy")
    .selectAll("checklistRun")
    .select("appUser.displayName as createdByName")
    .where("checklistRun.siteId", "=", siteId)
    .orderBy("checklistRun.receivedAt", "desc")
    .limit(limit)
    .execute();
}

/** Sites of a region with what picks their checklists (the demo fills a few). */
export function sitesForChecklists(db: Tx, prefix: string, limit: number) {
  return db
    .selectFrom("site")
    .select(["id", "kind", "industryCode", "regionCode", "lon", "lat"])
    .where("regionCode", "like", `${prefix}%`)
    .where("lon", "is not", null)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function anyChecklistRunInCounty(db: Tx, countyCode: string): Promise<boolean> {
  const row = await db
    .selectFrom("checklistRun")
    .select("id")
    .where("countyCode", "=", countyCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
