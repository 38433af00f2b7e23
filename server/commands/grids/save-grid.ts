import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findGrid,
  findGridByCode,
  type GridRow,
  insertGrid,
  nextGridSequence,
  updateGridRow,
} from "../../../db/queries/grid-queries";
import { isWorkerOfGrid } from "../../../db/queries/grid-worker-queries";
import { findRegion, findRegions } from "../../../db/queries/region-queries";
import type { GridTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError, invalid } from "../../../domain/errors";
import type { Areal } from "../../../domain/geo/geometry";
import type { GeometryProblem } from "../../../domain/geo/geometry-problem";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import type { CreateGridInput, UpdateGridInput } from "../../../domain/schemas/grid-schemas";
import type { Deps } from "../../deps";
import { assertValidGeometry, geometryWarnings, shapeColumns } from "./grid-geometry";
import { gridLayer } from "./grid-layer";

/** The 12-digit statistical form of a township (9) or village (12) code. */
export const pad12 = (code: string) => code.padEnd(12, "0");

/** A grid the actor may see (in scope, or one they serve), or 404. */
export async function findVisibleGrid(db: Tx, actor: Actor, id: string): Promise<GridRow> {
  const grid = await findGrid(db, id);
  if (!grid || !gridPolicy.read(actor, grid, await isWorkerOfGrid(db, id, actor.id)))
    throw new AppError("not_found");
  return grid;
}

export async function assertTownshipOrVillage(tx: Tx, regionCode: string) {
  const region = await findRegion(tx, regionCode);
  if (!region || (regionCode.length !== 9 && regionCode.length !== 12))
    throw new AppError("invalid_region_code", {
      zh: `区划 ${regionCode} 不存在或不是乡镇/村`,
      en: `${regionCode} is not a known township or village`,
    });
}

export async function assertVillages(tx: Tx, townshipCode: string, villages: string[]) {
  const wrong = villages.filter((v) => !v.startsWith(townshipCode));
  const known = new Set((await findRegions(tx, villages)).map((r) => r.code));
  const bad = [...wrong, ...villages.filter((v) => !known.has(v))];
  if (bad.length)
    throw invalid(
      `村/社区 ${bad[0]} 不存在或不属于乡镇 ${townshipCode}`,
      `Village ${bad[0]} is unknown or outside township ${townshipCode}`,
      { field: "villageCodes" },
    );
}

/** A free code for a new grid under `regionCode`, or the given one after checking it. */
export async function gridCode(tx: Tx, regionCode: string, wanted?: string): Promise<string> {
  const prefix = pad12(regionCode);
  if (wanted) {
    if (!wanted.startsWith(prefix))
      throw invalid(`网格编码须以 ${prefix} 开头`, `The grid code must start with ${prefix}`, {
        field: "code",
      });
    if (await findGridByCode(tx, wanted))
      throw new AppError("duplicate", { zh: `网格编码 ${wanted} 已存在`, en: `Grid code ${wanted} exists` });
    return wanted;
  }
  const seq = await nextGridSequence(tx, prefix);
  if (seq > 999) throw invalid(`${prefix} 下的网格序号已用完`, `No free grid sequence under ${prefix}`);
  return `${prefix}${String(seq).padStart(3, "0")}`;
}

export interface NewGridRow {
  regionCode: string;
  name: string;
  kind: string;
  villageCodes: string[];
  geometry: Areal;
  officer: { name: string; phone: string | null } | null;
  leader: { name: string; phone: string | null } | null;
  source: string;
}

export function gridRow(id: string, code: string, g: NewGridRow, now: string): GridTable {
  return {
    id,
    code,
    regionCode: g.regionCode,
    townshipCode: g.regionCode.slice(0, 9),
    name: g.name,
    kind: g.kind,
    status: "active",
    villageCodes: JSON.stringify(g.villageCodes),
    ...shapeColumns(g.geometry),
    officerName: g.officer?.name ?? null,
    officerPhone: g.officer?.phone ?? null,
    leaderName: g.leader?.name ?? null,
    leaderPhone: g.leader?.phone ?? null,
    source: g.source,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** Draws a new grid: the geometry must be valid; overlaps and parts outside the county come back as warnings. */
export async function createGrid(deps: Deps, actor: Actor | null, input: CreateGridInput, source = "drawn") {
  if (actor && !gridPolicy.create(actor, input.regionCode)) throw new AppError("forbidden");
  const geometry = input.geometry as Areal;
  assertValidGeometry(geometry);
  const layer = await gridLayer(deps.db);
  const id = randomUUID();
  const now = deps.clock.now();
  let warnings: GeometryProblem[] = [];
  await deps.db.transaction().execute(async (tx) => {
    await assertTownshipOrVillage(tx, input.regionCode);
    await assertVillages(tx, input.regionCode.slice(0, 9), input.villageCodes);
    const code = await gridCode(tx, input.regionCode, input.code);
    warnings = await geometryWarnings(tx, layer, code, geometry, [], actor);
    const row = gridRow(
      id,
      code,
      { ...input, geometry, officer: input.supervisionOfficer, leader: input.contactLeader, source },
      now.toISOString(),
    );
    await insertGrid(tx, row);
    await insertEvent(
      tx,
      actor,
      {
        action: "grid.created",
        subjectType: "grid",
        subjectId: id,
        regionCode: code,
        data: {
          code,
          name: input.name,
          kind: input.kind,
          villageCodes: input.villageCodes,
          source,
          warnings: warnings.map((w) => w.code),
        },
      },
      now,
    );
  });
  return { grid: (await findGrid(deps.db, id))!, warnings };
}

/** Edits a grid (optimistic: `version` must be current). Retiring is `status: "retired"`. */
export async function updateGrid(deps: Deps, actor: Actor, id: string, input: UpdateGridInput) {
  const layer = await gridLayer(deps.db);
  const now = deps.clock.now();
  let warnings: GeometryProblem[] = [];
  await deps.db.transaction().execute(async (tx) => {
    const grid = await findVisibleGrid(tx, actor, id);
    if (!gridPolicy.manage(actor, grid)) throw new AppError("forbidden");
    const patch: Partial<GridTable> = { updatedAt: now.toISOString() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.status !== undefined) patch.status = input.status;
    if (input.villageCodes !== undefined) {
      await assertVillages(tx, grid.townshipCode, input.villageCodes);
      patch.villageCodes = JSON.stringify(input.villageCodes);
    }
    if (input.geometry !== undefined) {
      const geometry = input.geometry as Areal;
      assertValidGeometry(geometry);
      warnings = await geometryWarnings(tx, layer, grid.code, geometry, [grid.id], actor);
      Object.assign(patch, shapeColumns(geometry));
    }
    if (input.supervisionOfficer !== undefined) {
      patch.officerName = input.supervisionOfficer?.name ?? null;
      patch.officerPhone = input.supervisionOfficer?.phone ?? null;
    }
    if (input.contactLeader !== undefined) {
      patch.leaderName = input.contactLeader?.name ?? null;
      patch.leaderPhone = input.contactLeader?.phone ?? null;
    }
    if (!(await updateGridRow(tx, id, input.version, patch))) throw new AppError("conflict");
    const { version: _v, geometry, ...rest } = input;
    const action = input.status === "retired" && grid.status !== "retired" ? "grid.retired" : "grid.updated";
    await insertEvent(
      tx,
      actor,
      {
        action,
        subjectType: "grid",
        subjectId: id,
        regionCode: grid.code,
        data: { ...rest, geometryChanged: geometry !== undefined, warnings: warnings.map((w) => w.code) },
      },
      now,
    );
  });
  return { grid: (await findGrid(deps.db, id))!, warnings };
}
