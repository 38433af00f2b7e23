import { ruleOf } from "../../domain/policies/access-table";
import type { PolicyActor } from "../../domain/policies/policy-term";
import type { Tx } from "../db";
import { policyFilter } from "../policy-filter";
import type { GridWorkerTable } from "../schema/grid-tables";

export type GridWorkerRow = GridWorkerTable & { displayName: string; phone: string | null; status: string };

/** Workers of the given grids, full-time first, then by name: the first is the default worker of a site. */
export function listGridWorkers(db: Tx, gridIds: string[]): Promise<GridWorkerRow[]> {
  if (gridIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("gridWorker")
    .innerJoin("appUser", "appUser.id", "gridWorker.userId")
    .selectAll("gridWorker")
    .select(["appUser.displayName", "appUser.phone", "appUser.status"])
    .where("gridWorker.gridId", "in", gridIds)
    .orderBy("gridWorker.gridId")
    .orderBy("gridWorker.employment")
    .orderBy("gridWorker.createdAt")
    .orderBy("gridWorker.userId")
    .execute() as Promise<GridWorkerRow[]>;
}

/** Default worker per grid id (active users only), in one query. */
export async function defaultWorkers(
  db: Tx,
  gridIds: string[],
): Promise<Map<string, { id: string; displayName: string }>> {
  const out = new Map<string, { id: string; displayName: string }>();
  for (let i = 0; i < gridIds.length; i += 500) {
    for (const w of await listGridWorkers(db, gridIds.slice(i, i + 500))) {
      if (w.status === "active" && !out.has(w.gridId))
        out.set(w.gridId, { id: w.userId, displayName: w.displayName });
    }
  }
  return out;
}

export async function replaceGridWorkers(db: Tx, gridId: string, rows: GridWorkerTable[]) {
  await db.deleteFrom("gridWorker").where("gridId", "=", gridId).execute();
  if (rows.length) await db.insertInto("gridWorker").values(rows).execute();
}

export function insertGridWorkers(db: Tx, rows: GridWorkerTable[]) {
  return rows.length ? db.insertInto("gridWorker").values(rows).execute() : Promise.resolve([]);
}

export function isWorkerOfGrid(db: Tx, gridId: string, userId: string) {
  return db
    .selectFrom("gridWorker")
    .select("gridId")
    .where("gridId", "=", gridId)
    .where("userId", "=", userId)
    .executeTakeFirst()
    .then(Boolean);
}

/** Users with the grid_worker role in scope, with the grids they serve. */
export async function listWorkerCandidates(
  db: Tx,
  actor: PolicyActor,
  f: { region?: string; q?: string; page: number; pageSize: number },
) {
  let q = db
    .selectFrom("appUser")
    .select(["appUser.id", "appUser.displayName", "appUser.phone", "appUser.regionCode"])
    .where("appUser.role", "=", "grid_worker")
    .where("appUser.status", "=", "active")
    .where((eb) => policyFilter(eb, ruleOf("gridWorker", "read"), actor, "appUser"));
  if (f.region) q = q.where("appUser.regionCode", "like", `${f.region}%`);
  if (f.q) q = q.where("appUser.displayName", "like", `%${f.q}%`);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const users = await q
    .orderBy("appUser.regionCode")
    .orderBy("appUser.displayName")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const served = users.length
    ? await db
        .selectFrom("gridWorker")
        .innerJoin("grid", "grid.id", "gridWorker.gridId")
        .select(["gridWorker.userId", "grid.id", "grid.code", "grid.name", "gridWorker.employment"])
        .where(
          "gridWorker.userId",
          "in",
          users.map((u) => u.id),
        )
        .where("grid.status", "=", "active")
        .orderBy("grid.code")
        .execute()
    : [];
  const items = users.map((u) => ({
    ...u,
    grids: served
      .filter((s) => s.userId === u.id)
      .map((s) => ({ id: s.id, code: s.code, name: s.name, employment: s.employment })),
  }));
  return { items, total: Number(total.n) };
}

/** A grid's workers and their employment (the "before" of a staffing change). */
export function listGridStaff(db: Tx, gridId: string) {
  return db.selectFrom("gridWorker").select(["userId", "employment"]).where("gridId", "=", gridId).execute();
}

/** The grids a user serves as a grid worker (name and code, by code): the demo's account table shows them. */
export function listGridsOfWorker(db: Tx, userId: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom("gridWorker")
    .innerJoin("grid", "grid.id", "gridWorker.gridId")
    .select(["grid.code", "grid.name"])
    .where("gridWorker.userId", "=", userId)
    .where("grid.status", "=", "active")
    .orderBy("grid.code")
    .execute();
}
