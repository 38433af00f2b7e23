import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import { findRegion } from "../../../db/queries/region-queries";
import { findSite, type SiteRow, updateSiteRow } from "../../../db/queries/site-queries";
import type { SiteTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { CreateSiteInput, UpdateSiteInput } from "../../../domain/schemas/site-schemas";
import type { Deps } from "../../deps";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { assertUsccFree, assignmentSummary, siteFieldsFrom } from "./create-site";
import { assignmentContext, assignSite, locateGrid, preloadWorkers } from "./site-assignment";

/** A site the actor may see, or 404 (out of scope and missing look the same). */
export async function findVisibleSite(db: Tx, actor: Actor, id: string): Promise<SiteRow> {
  const site = await findSite(db, id);
  if (!site || !sitePolicy.read(actor, site)) throw new AppError("not_found");
  return site;
}

const unflag = (v: number | null) => (v === null ? null : v === 1);

function asInput(s: SiteTable): CreateSiteInput {
  return {
    name: s.name,
    kind: s.kind as CreateSiteInput["kind"],
    uscc: s.uscc,
    industryCode: s.industryCode,
    scale: s.scale as CreateSiteInput["scale"],
    ownership: s.ownership as CreateSiteInput["ownership"],
    riskLevel: s.riskLevel as CreateSiteInput["riskLevel"],
    flags: {
      large: unflag(s.flagLarge),
      highGrade: unflag(s.flagHighGrade),
      highRisk: unflag(s.flagHighRisk),
    },
    regionCode: s.regionCode,
    address: s.address,
    lon: s.lon,
    lat: s.lat,
    crs: "WGS84",
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    legalRepresentative: s.legalRepresentative,
    status: s.status as CreateSiteInput["status"],
  };
}

/** Field-by-field differences, for the trail. */
export function changes<T extends object>(before: T, after: T, keys: (keyof T)[]) {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of keys) if (before[k] !== after[k]) out[String(k)] = [before[k], after[k]];
  return out;
}

const tracked: (keyof SiteTable)[] = [
  "name",
  "kind",
  "uscc",
  "industryCode",
  "scale",
  "ownership",
  "riskLevel",
  "flagLarge",
  "flagHighGrade",
  "flagHighRisk",
  "regionCode",
  "address",
  "lon",
  "lat",
  "contactName",
  "contactPhone",
  "legalRepresentative",
  "status",
];
const assignmentKeys: (keyof SiteTable)[] = [
  "direct",
  "directRule",
  "gridId",
  "gridRule",
  "workerId",
  "workerRule",
  "departmentId",
  "departmentRule",
  "departmentRuleId",
];

/** Changes a site; a change of location, kind, industry, ownership, scale, risk or flags re-assigns it. */
export async function updateSite(deps: Deps, actor: Actor, id: string, input: UpdateSiteInput) {
  const layer = await gridLayer(deps.db);
  const now = deps.clock.now();
  await deps.db.transaction().execute((tx) => updateSiteIn(tx, layer, actor, id, input, now));
  invalidateMapStats(deps.db);
  return (await findSite(deps.db, id))!;
}

/**
 * The change itself, inside the caller's transaction (an approved risk assessment changes the risk level
 * in the approval's transaction). The caller invalidates the map's statistics after the commit.
 */
export async function updateSiteIn(
  tx: Tx,
  layer: Awaited<ReturnType<typeof gridLayer>>,
  actor: Actor,
  id: string,
  input: UpdateSiteInput,
  now: Date,
) {
  {
    const site = await findVisibleSite(tx, actor, id);
    if (!sitePolicy.update(actor, site)) throw new AppError("forbidden");
    const { version, ...patch } = input;
    const moved = patch.lon !== undefined || patch.lat !== undefined;
    const merged: CreateSiteInput = {
      ...asInput(site),
      ...patch,
      crs: moved ? (input.crs ?? "WGS84") : "WGS84",
    };
    if (patch.flags) merged.flags = { ...asInput(site).flags, ...patch.flags };
    const regionCode = merged.regionCode ?? site.regionCode;
    if (regionCode !== site.regionCode) {
      if (!(await findRegion(tx, regionCode)) || regionCode.length < 6)
        throw new AppError("invalid_region_code");
      if (!sitePolicy.update(actor, { regionCode })) throw new AppError("forbidden");
    }
    const fields = siteFieldsFrom(merged, regionCode);
    if (fields.uscc !== site.uscc) await assertUsccFree(tx, actor, fields.uscc, id);
    const next: SiteTable = { ...site, ...fields };
    const ctx = await assignmentContext(tx, layer);
    const grid = locateGrid(ctx, next);
    await preloadWorkers(
      ctx,
      [grid?.id, next.gridOverride ? next.gridId : null].filter((g): g is string => !!g),
    );
    Object.assign(next, assignSite(ctx, next));
    const patchRow: Partial<SiteTable> = {
      ...fields,
      ...pick(next, assignmentKeys),
      departmentReason: next.departmentReason,
      updatedAt: now.toISOString(),
    };
    if (!(await updateSiteRow(tx, id, version, patchRow))) throw new AppError("conflict");
    const assignment = changes(site, next, assignmentKeys);
    await insertEvent(
      tx,
      actor,
      {
        action: "site.updated",
        subjectType: "site",
        subjectId: id,
        regionCode,
        data: {
          changes: changes(site, next, tracked),
          assignment: Object.keys(assignment).length ? assignmentSummary(next) : null,
        },
      },
      now,
    );
  }
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
}
