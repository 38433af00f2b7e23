import type { Tx } from "../db";
import type { CountySettingTable } from "../schema/setting-tables";

export type CountySettingRow = CountySettingTable;

export function findCountySetting(db: Tx, regionCode: string) {
  return db.selectFrom("countySetting").selectAll().where("regionCode", "=", regionCode).executeTakeFirst();
}

/** Writes the county's row (insert or replace on both dialects). */
export function saveCountySetting(db: Tx, row: CountySettingRow) {
  const { regionCode: _r, ...rest } = row;
  return db
    .insertInto("countySetting")
    .values(row)
    .onConflict((oc) => oc.column("regionCode").doUpdateSet(rest))
    .execute();
}
