import type { Tx } from "../db";
import type { HandbookVersionTable } from "../schema/print-tables";

/** The versions of a region's handbook, newest first, without their text. */
export function listHandbookVersions(db: Tx, regionCode: string) {
  return db
    .selectFrom("handbookVersion")
    .leftJoin("appUser", "appUser.id", "handbookVersion.createdBy")
    .select([
      "handbookVersion.version",
      "handbookVersion.title",
      "handbookVersion.pages",
      "handbookVersion.maxPages",
      "handbookVersion.createdBy",
      "handbookVersion.createdAt",
      "appUser.displayName as createdByName",
    ])
    .where("handbookVersion.regionCode", "=", regionCode)
    .orderBy("handbookVersion.version", "desc")
    .execute();
}

/** One version (the newest when `version` is not given). */
export function findHandbookVersion(db: Tx, regionCode: string, version?: number) {
  let q = db.selectFrom("handbookVersion").selectAll().where("regionCode", "=", regionCode);
  if (version !== undefined) q = q.where("version", "=", version);
  return q.orderBy("version", "desc").limit(1).executeTakeFirst();
}

export function insertHandbookVersion(db: Tx, row: HandbookVersionTable) {
  return db.insertInto("handbookVersion").values(row).execute();
}
