import { sql } from "kysely";
import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { GridTable } from "../schema/grid-tables";

export type GridRow = GridTable & { townshipName: string | null; workerCount: number; siteCount: number };

function selectGrids(db: Tx) {
  return db
    .selectFrom("grid")
    .leftJoin("region as township", "township.code", "grid.townshipCode")
    .selectAll("grid")
    .select("township.name as townshipName")
    .select((eb) => [
      eb
        .selectFrom("gridWorker")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("gridWorker.gridId", "=", "grid.id")
        .as("workerCount"),
      eb
        .selectFrom("site")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("site.gridId", "=", "grid.id")
        .where("site.status", "!=", "closed")
        .as("siteCount"),
    ]);
}

const norm = <T extends { workerCount: unknown; siteCount: unknown }>(r: T) => ({
  ...r,
  workerCount: Number(r.workerCount ?? 0),
  siteCount: Number(r.siteCount ?? 0),
});

export async function findGrid(db: Tx, id: string): Promise<GridRow | undefined> {
  const r = await selectGrids(db).where("grid.id", "=", id).executeTakeFirst();
  return r && (norm(r) as GridRow);
}

export async function findGridsByIds(db: Tx, ids: string[]): Promise<GridRow[]> {
  if (ids.length === 0) return [];
  const rows = await selectGrids(db).where("grid.id", "in", ids).orderBy("grid.code").execute();
  return rows.map((r) => norm(r) as GridRow);
}

export function findGridByCode(db: Tx, code: string) {
  return db.selectFrom("grid").select(["id", "code"]).where("code", "=", code).executeTakeFirst();
}

export interface GridFilter {
  region?: string;
  kind?: string;
  status: "active" | "retired";
  staffed?: boolean;
  /** Only the grids the actor serves as a grid worker. */
  mine?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** Grids whose code lies in the scope, plus the grids the actor serves as a worker. */
/** Grids the actor reads: the access table's grid read rule, plus the grids a grid worker serves. */
export async function listGrids(db: Tx, actor: PolicyActor, f: GridFilter) {
  let q = selectGrids(db).where((eb) =>
    eb.or([
      policyFilter(eb, ruleOf("grid", "read"), actor, "grid"),
      eb.and([
        eb.lit(actor.role === "grid_worker"),
        eb(
          "grid.id",
          "in",
          eb.selectFrom("gridWorker as mine").select("mine.gridId").where("mine.userId", "=", actor.id),
        ),
      ]),
    ]),
  );
  if (f.region) q = q.where("grid.code", "like", `${f.region}%`);
  if (f.kind) q = q.where("grid.kind", "=", f.kind);
  q = q.where("grid.status", "=", f.status);
  if (f.staffed !== undefined) {
    const staffed = f.staffed;
    q = q.where((eb) => {
      const has = eb.exists(
        eb.selectFrom("gridWorker as gw").select("gw.gridId").whereRef("gw.gridId", "=", "grid.id"),
      );
      return staffed ? has : eb.not(has);
    });
  }
  if (f.mine)
    q = q.where("grid.id", "in", (eb) =>
      eb.selectFrom("gridWorker as own").select("own.gridId").where("own.userId", "=", actor.id),
    );
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb("grid.name", "like", like), eb("grid.code", "like", `${f.q}%`)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy("grid.code")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: items.map((r) => norm(r) as GridRow), total: Number(total.n) };
}

/** Active grids under a region prefix (full rows, code order). */
export async function listRegionGrids(db: Tx, prefix: string): Promise<GridRow[]> {
  const rows = await selectGrids(db)
    .where("grid.code", "like", `${prefix}%`)
    .where("grid.status", "=", "active")
    .orderBy("grid.code")
    .execute();
  return rows.map((r) => norm(r) as GridRow);
}

/** Id, code and name of the active grids under a region prefix, in code order (no geometry). */
export function listRegionGridNames(db: Tx, prefix: string) {
  return db
    .selectFrom("grid")
    .select(["id", "code", "name"])
    .where("code", "like", `${prefix}%`)
    .where("status", "=", "active")
    .orderBy("code")
    .execute();
}

export function insertGrid(db: Tx, row: GridTable) {
  return db.insertInto("grid").values(row).execute();
}

/** Updates a grid if its version is still `version`; returns false when someone changed it meanwhile. */
export async function updateGridRow(
  db: Tx,
  id: string,
  version: number,
  patch: Partial<GridTable>,
): Promise<boolean> {
  const r = await db
    .updateTable("grid")
    .set({ ...patch, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The next free 3-digit sequence for grid codes starting with the 12-digit `prefix`. */
export async function nextGridSequence(db: Tx, prefix: string): Promise<number> {
  const r = await db
    .selectFrom("grid")
    .select((eb) => eb.fn.max("code").as("code"))
    .where("code", "like", `${prefix}___`)
    .executeTakeFirst();
  return r?.code ? Number(String(r.code).slice(12)) + 1 : 1;
}

/** Changes whenever any grid is added, changed or retired: the key of in-process grid caches. */
export async function gridLayerStamp(db: Tx): Promise<string> {
  const r = await db
    .selectFrom("grid")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.max("updatedAt").as("at"),
      eb.fn.sum<number>("version").as("v"),
    ])
    .executeTakeFirstOrThrow();
  return `${r.n}|${r.at ?? ""}|${r.v ?? 0}`;
}

/** Every active grid's shape and label fields, for the point index and the map (no counts). */
export function listActiveGridShapes(db: Tx) {
  return db
    .selectFrom("grid")
    .select([
      "id",
      "code",
      "regionCode",
      "townshipCode",
      "name",
      "kind",
      "geojson",
      "minLon",
      "minLat",
      "maxLon",
      "maxLat",
    ])
    .select(["centerLon", "centerLat", "officerName", "leaderName", "version"])
    .where("status", "=", "active")
    .orderBy("code")
    .execute();
}
export type GridShapeRow = Awaited<ReturnType<typeof listActiveGridShapes>>[number];

/** Number of active grids per region prefix of `length` digits, under `prefix`. */
export function countGridsBy(db: Tx, prefix: string, length: number) {
  return db
    .selectFrom("grid")
    .select([
      sql<string>`substr(code, 1, ${sql.lit(length)})`.as("code"),
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .where("code", "like", `${prefix}%`)
    .where("status", "=", "active")
    .groupBy(sql`substr(code, 1, ${sql.lit(length)})`)
    .execute();
}

export function touchGrid(db: Tx, id: string, at: string) {
  return db.updateTable("grid").set({ updatedAt: at }).where("id", "=", id).execute();
}

/** Which of these grid codes are taken. */
export async function takenGridCodes(db: Tx, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom("grid").select("code").where("code", "in", codes).execute();
  return new Set(rows.map((g) => g.code));
}

/** Code and name of these grids (retired ones too). */
export function findGridNames(db: Tx, ids: string[]) {
  return db.selectFrom("grid").select(["id", "code", "name"]).where("id", "in", ids).execute();
}

/** Whether any grid code starts with this prefix (the demo's "already made" check). */
export async function anyGridUnder(db: Tx, prefix: string): Promise<boolean> {
  return !!(await db
    .selectFrom("grid")
    .select("id")
    .where("code", "like", `${prefix}%`)
    .limit(1)
    .executeTakeFirst());
}

/**
 * The box of the active grids of a region that the actor may read ([minLon, minLat, maxLon, maxLat]), null
 * when there are none: a township's grids by code prefix, a village's also through their village list.
 */
export async function gridExtent(
  db: Tx,
  actor: PolicyActor,
  code: string,
): Promise<[number, number, number, number] | null> {
  const r = await db
    .selectFrom("grid")
    .select((eb) => [
      eb.fn.min<number>("minLon").as("minLon"),
      eb.fn.min<number>("minLat").as("minLat"),
      eb.fn.max<number>("maxLon").as("maxLon"),
      eb.fn.max<number>("maxLat").as("maxLat"),
    ])
    .where("status", "=", "active")
    .where((eb) =>
      code.length === 12
        ? eb.or([eb("code", "like", `${code}%`), eb("villageCodes", "like", `%"${code}"%`)])
        : eb("code", "like", `${code}%`),
    )
    .where((eb) => policyFilter(eb, ruleOf("grid", "read"), actor, "grid"))
    .executeTakeFirst();
  if (r?.minLon == null || r.minLat == null || r.maxLon == null || r.maxLat == null) return null;
  return [Number(r.minLon), Number(r.minLat), Number(r.maxLon), Number(r.maxLat)];
}
