import type { CategoryConfig } from "../../domain/case/category-taxonomy";
import type { DepartmentKind } from "../../domain/department/department-kinds";
import type { Tx } from "../db";
import type { CaseCategoryTable } from "../schema/case-tables";

export type CategoryConfigRow = CategoryConfig & { createdAt: string; updatedAt: string };

const toConfig = (r: CaseCategoryTable): CategoryConfigRow => ({
  id: r.id,
  regionPrefix: r.regionPrefix,
  code: r.code,
  zh: r.zh,
  en: r.en,
  defaultDepartmentKind: r.defaultDepartmentKind as DepartmentKind | null,
  active: r.active === null ? null : r.active === 1,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** The province, city and county codes above (and including) each region code: the prefixes that apply. */
export function categoryHeads(regionCodes: Iterable<string>): string[] {
  const heads = new Set<string>();
  for (const code of regionCodes)
    for (const n of [2, 4, 6]) if (code.length >= n) heads.add(code.slice(0, n));
  return [...heads];
}

/** Configured rows that apply to any of the regions (their province, city and county rows), oldest first. */
export async function categoryConfigsFor(db: Tx, regionCodes: Iterable<string>) {
  const heads = categoryHeads(regionCodes);
  if (heads.length === 0) return [];
  const rows = await db
    .selectFrom("caseCategory")
    .selectAll()
    .where("regionPrefix", "in", heads)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map(toConfig);
}

/** Rows configured inside a region (its own and those of the regions below it) for one code. */
export async function categoryConfigsBelow(db: Tx, regionPrefix: string, code: string) {
  const rows = await db
    .selectFrom("caseCategory")
    .selectAll()
    .where("regionPrefix", "like", `${regionPrefix}%`)
    .where("code", "=", code)
    .execute();
  return rows.map(toConfig);
}

export async function findCategoryConfig(db: Tx, id: string) {
  const r = await db.selectFrom("caseCategory").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toConfig(r) : undefined;
}

export async function findCategoryConfigAt(db: Tx, regionPrefix: string, code: string) {
  const r = await db
    .selectFrom("caseCategory")
    .selectAll()
    .where("regionPrefix", "=", regionPrefix)
    .where("code", "=", code)
    .executeTakeFirst();
  return r ? toConfig(r) : undefined;
}

const activeValue = (a: boolean | null) => (a === null ? null : a ? 1 : 0);

export function insertCategoryConfig(db: Tx, c: CategoryConfig, by: string | null, at: string) {
  return db
    .insertInto("caseCategory")
    .values({
      id: c.id,
      regionPrefix: c.regionPrefix,
      code: c.code,
      zh: c.zh,
      en: c.en,
      defaultDepartmentKind: c.defaultDepartmentKind,
      active: activeValue(c.active),
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

export function updateCategoryConfig(db: Tx, c: CategoryConfig, at: string) {
  return db
    .updateTable("caseCategory")
    .set({
      zh: c.zh,
      en: c.en,
      defaultDepartmentKind: c.defaultDepartmentKind,
      active: activeValue(c.active),
      updatedAt: at,
    })
    .where("id", "=", c.id)
    .execute();
}

export function deleteCategoryConfig(db: Tx, id: string) {
  return db.deleteFrom("caseCategory").where("id", "=", id).execute();
}

/** Whether any case in the region (code prefix) uses the category. */
export async function categoryInUse(db: Tx, regionPrefix: string, code: string) {
  const r = await db
    .selectFrom("caseRecord")
    .select("id")
    .where("category", "=", code)
    .where("countyCode", "like", `${regionPrefix}%`)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
