import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import { findGridsByIds, type GridRow, insertGrid, updateGridRow } from "../../../db/queries/grid-queries";
import { insertGridWorkers, listGridWorkers } from "../../../db/queries/grid-worker-queries";
import type { Actor } from "../../../domain/auth/actor";
import { AppError, invalid } from "../../../domain/errors";
import type { Areal } from "../../../domain/geo/geometry";
import type { GeometryProblem } from "../../../domain/geo/geometry-problem";
import { mergePolygons, splitPolygon } from "../../../domain/geo/voronoi-grids";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import type { GridKind } from "../../../domain/schemas/grid-schemas";
import type { Deps } from "../../deps";
import { assertValidGeometry, geometryWarnings } from "./grid-geometry";
import { gridLayer } from "./grid-layer";
import { findVisibleGrid, gridCode, gridRow } from "./save-grid";

/** Pieces of roughly equal area for an overloaded grid (no change is made). */
export async function splitPreview(deps: Deps, actor: Actor, id: string, parts: number): Promise<Areal[]> {
  const grid = await findVisibleGrid(deps.db, actor, id);
  if (!gridPolicy.manage(actor, grid)) throw new AppError("forbidden");
  return splitPolygon(JSON.parse(grid.geojson) as Areal, parts);
}

const person = (name: string | null, phone: string | null) => (name ? { name, phone } : null);

async function addGrid(
  tx: Tx,
  from: GridRow,
  regionCode: string,
  name: string,
  kind: string,
  villages: string[],
  geometry: Areal,
  source: string,
  now: Date,
) {
  const id = randomUUID();
  const code = await gridCode(tx, regionCode);
  const row = gridRow(
    id,
    code,
    {
      regionCode,
      name,
      kind,
      villageCodes: villages,
      geometry,
      officer: person(from.officerName, from.officerPhone),
      leader: person(from.leaderName, from.leaderPhone),
      source,
    },
    now.toISOString(),
  );
  await insertGrid(tx, row);
  return row;
}

async function retire(tx: Tx, grid: GridRow, now: Date) {
  if (!(await updateGridRow(tx, grid.id, grid.version, { status: "retired", updatedAt: now.toISOString() })))
    throw new AppError("conflict");
}

/** Splits a grid into the given pieces: new grids (workers copied), the original retired. */
export async function splitGrid(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { version: number; pieces: { name: string; geometry: Areal }[] },
) {
  for (const [i, p] of input.pieces.entries()) assertValidGeometry(p.geometry, `第 ${i + 1} 块`);
  const layer = await gridLayer(deps.db);
  const now = deps.clock.now();
  const made: string[] = [];
  const warnings: GeometryProblem[] = [];
  await deps.db.transaction().execute(async (tx) => {
    const grid = await findVisibleGrid(tx, actor, id);
    if (!gridPolicy.manage(actor, grid) || grid.status !== "active") throw new AppError("forbidden");
    if (grid.version !== input.version) throw new AppError("conflict");
    await retire(tx, grid, now);
    const workers = await listGridWorkers(tx, [id]);
    for (const p of input.pieces) {
      const row = await addGrid(
        tx,
        grid,
        grid.regionCode,
        p.name,
        grid.kind,
        JSON.parse(grid.villageCodes),
        p.geometry,
        "split",
        now,
      );
      made.push(row.id);
      warnings.push(...(await geometryWarnings(tx, layer, row.code, p.geometry, [id, ...made], actor)));
      await insertGridWorkers(
        tx,
        workers.map((w) => ({
          gridId: row.id,
          userId: w.userId,
          employment: w.employment,
          createdAt: now.toISOString(),
        })),
      );
      await insertEvent(
        tx,
        actor,
        {
          action: "grid.created",
          subjectType: "grid",
          subjectId: row.id,
          regionCode: row.code,
          data: { code: row.code, name: p.name, source: "split", from: grid.code },
        },
        now,
      );
    }
    await insertEvent(
      tx,
      actor,
      {
        action: "grid.split",
        subjectType: "grid",
        subjectId: id,
        regionCode: grid.code,
        data: { into: made },
      },
      now,
    );
  });
  return { grids: await findGridsByIds(deps.db, made), warnings };
}

/** Merges grids of one township into one (workers united, originals retired). */
export async function mergeGrids(
  deps: Deps,
  actor: Actor,
  input: { ids: string[]; name: string; kind?: GridKind },
) {
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) throw invalid("至少选择 2 个不同的网格", "Choose at least 2 different grids");
  const layer = await gridLayer(deps.db);
  const now = deps.clock.now();
  let id = "";
  let warnings: GeometryProblem[] = [];
  await deps.db.transaction().execute(async (tx) => {
    const grids: GridRow[] = [];
    for (const g of ids) grids.push(await findVisibleGrid(tx, actor, g));
    if (grids.some((g) => !gridPolicy.manage(actor, g) || g.status !== "active"))
      throw new AppError("forbidden");
    const townships = new Set(grids.map((g) => g.townshipCode));
    if (townships.size > 1)
      throw invalid("只能合并同一乡镇的网格", "Only grids of one township can be merged");
    const regions = new Set(grids.map((g) => g.regionCode));
    const regionCode = regions.size === 1 ? grids[0].regionCode : grids[0].townshipCode;
    const geometry = mergePolygons(grids.map((g) => JSON.parse(g.geojson) as Areal));
    assertValidGeometry(geometry);
    for (const g of grids) await retire(tx, g, now);
    const villages = [...new Set(grids.flatMap((g) => JSON.parse(g.villageCodes) as string[]))].sort();
    const row = await addGrid(
      tx,
      grids[0],
      regionCode,
      input.name,
      input.kind ?? grids[0].kind,
      villages,
      geometry,
      "merged",
      now,
    );
    id = row.id;
    warnings = await geometryWarnings(tx, layer, row.code, geometry, ids, actor);
    const workers = await listGridWorkers(tx, ids);
    const seen = new Set<string>();
    await insertGridWorkers(
      tx,
      workers
        .filter((w) => !seen.has(w.userId) && seen.add(w.userId))
        .map((w) => ({
          gridId: row.id,
          userId: w.userId,
          employment: w.employment,
          createdAt: now.toISOString(),
        })),
    );
    await insertEvent(
      tx,
      actor,
      {
        action: "grid.merged",
        subjectType: "grid",
        subjectId: row.id,
        regionCode: row.code,
        data: { code: row.code, from: grids.map((g) => g.code) },
      },
      now,
    );
  });
  return { grid: (await findGridsByIds(deps.db, [id]))[0], warnings };
}
