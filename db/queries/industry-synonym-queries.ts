import type { Tx } from "../db";
import type { ImportMappingTable, IndustrySynonymTable } from "../schema/setting-tables";

export type IndustrySynonymRow = IndustrySynonymTable;

/** The province's own synonyms (all provinces when `province` is omitted), oldest first. */
export function listIndustrySynonyms(db: Tx, province?: string) {
  let q = db.selectFrom("industrySynonym").selectAll();
  if (province) q = q.where("regionCode", "=", province);
  return q.orderBy("createdAt").orderBy("id").execute();
}

export function findIndustrySynonym(db: Tx, id: string) {
  return db.selectFrom("industrySynonym").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findIndustrySynonymTerm(db: Tx, province: string, term: string, code: string) {
  return db
    .selectFrom("industrySynonym")
    .select("id")
    .where("regionCode", "=", province)
    .where("term", "=", term)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function insertIndustrySynonym(db: Tx, row: IndustrySynonymRow) {
  await db.insertInto("industrySynonym").values(row).execute();
}

export async function deleteIndustrySynonym(db: Tx, id: string) {
  await db.deleteFrom("industrySynonym").where("id", "=", id).execute();
}

/** The column mapping the county's last import of this kind used. */
export function findImportMapping(db: Tx, regionCode: string, kind: string) {
  return db
    .selectFrom("importMapping")
    .selectAll()
    .where("regionCode", "=", regionCode)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

export async function saveImportMapping(db: Tx, row: ImportMappingTable) {
  const { regionCode: _r, kind: _k, ...rest } = row;
  await db
    .insertInto("importMapping")
    .values(row)
    .onConflict((oc) => oc.columns(["regionCode", "kind"]).doUpdateSet(rest))
    .execute();
}
