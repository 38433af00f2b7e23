import type { Tx } from "../db";
import type { RegionTable } from "../schema/core-tables";

export type RegionRow = RegionTable & { childCount: number };

function selectRegions(db: Tx) {
  return db
    .selectFrom("region as r")
    .selectAll("r")
    .select((eb) =>
      eb
        .selectFrom("region as c")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("c.parentCode", "=", "r.code")
        .as("childCount"),
    );
}

const norm = (rows: (RegionTable & { childCount: number | string | null })[]): RegionRow[] =>
  rows.map((r) => ({ ...r, childCount: Number(r.childCount ?? 0) }));

export async function findRegion(db: Tx, code: string): Promise<RegionRow | undefined> {
  return norm(await selectRegions(db).where("r.code", "=", code).execute())[0];
}

export async function listRegionChildren(db: Tx, code: string): Promise<RegionRow[]> {
  return norm(await selectRegions(db).where("r.parentCode", "=", code).orderBy("r.code").execute());
}

export async function listRootRegions(db: Tx): Promise<RegionRow[]> {
  return norm(await selectRegions(db).where("r.level", "=", "province").orderBy("r.code").execute());
}

export async function findRegions(db: Tx, codes: string[]): Promise<RegionTable[]> {
  if (codes.length === 0) return [];
  return db.selectFrom("region").selectAll().where("code", "in", codes).execute();
}

/** Search by code prefix (digits) or by part of the name, shallow levels first. */
export async function searchRegions(db: Tx, q: string, limit: number, within?: string): Promise<RegionRow[]> {
  let query = selectRegions(db);
  query = /^\d+$/.test(q) ? query.where("r.code", "like", `${q}%`) : query.where("r.name", "like", `%${q}%`);
  if (within) query = query.where("r.code", "like", `${within}%`);
  const rows = await query
    .orderBy((eb) => eb.fn("length", ["r.code"]))
    .orderBy("r.code")
    .limit(limit)
    .execute();
  return norm(rows);
}

export function countRegionsByLevel(db: Tx, prefix: string) {
  return db
    .selectFrom("region")
    .select(["level", (eb) => eb.fn.countAll<number>().as("n")])
    .where("code", "like", `${prefix}%`)
    .groupBy("level")
    .execute();
}

/** Inserts regions in batches, keeping existing rows (loading a province twice is harmless). */
export async function upsertRegions(db: Tx, rows: RegionTable[], batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await db
      .insertInto("region")
      .values(rows.slice(i, i + batch))
      .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
      .execute();
  }
}

export function upsertBoundary(
  db: Tx,
  row: { code: string; geojson: string; source: string; updatedAt: string },
) {
  return db
    .insertInto("regionBoundary")
    .values(row)
    .onConflict((oc) =>
      oc.column("code").doUpdateSet({ geojson: row.geojson, source: row.source, updatedAt: row.updatedAt }),
    )
    .execute();
}

/** When each of `codes` that has a stored boundary was last written (no geojson read): a cache's check. */
export function boundaryStamps(db: Tx, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([] as { code: string; updatedAt: string; source: string }[]);
  return db
    .selectFrom("regionBoundary")
    .select(["code", "updatedAt", "source"])
    .where("code", "in", [...codes])
    .execute();
}

export function findBoundary(db: Tx, code: string) {
  return db.selectFrom("regionBoundary").selectAll().where("code", "=", code).executeTakeFirst();
}

/** Codes of the region and every region below it. */
export async function regionCodesUnder(db: Tx, prefix: string): Promise<string[]> {
  const rows = await db.selectFrom("region").select("code").where("code", "like", `${prefix}%`).execute();
  return rows.map((r) => r.code);
}
