import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import { findRegion } from "../../../db/queries/region-queries";
import { findSite, findSiteByUscc, insertSites } from "../../../db/queries/site-queries";
import type { NewSiteRow, SiteTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { CreateSiteInput } from "../../../domain/schemas/site-schemas";
import type { Deps } from "../../deps";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { type AssignmentContext, assignmentContext, assignSite, preloadWorkers } from "./site-assignment";
import { checkLocation, fieldError, industryProblem, missingUscc, usccProblem } from "./site-fields";

export type SiteFields = Omit<
  NewSiteRow,
  | "id"
  | "direct"
  | "directRule"
  | "gridId"
  | "gridRule"
  | "gridOverride"
  | "workerId"
  | "workerRule"
  | "workerOverride"
  | "departmentId"
  | "departmentRule"
  | "departmentRuleId"
  | "departmentReason"
  | "departmentOverride"
  | "overrideReason"
  | "version"
  | "createdAt"
  | "legalRepresentative"
  | "updatedAt"
> & { legalRepresentative?: string | null };

const flag = (v: boolean | null | undefined) => (v === undefined || v === null ? null : v ? 1 : 0);

/** Checks the fields a user gave and turns them into columns (coordinates in WGS84). Throws the first problem. */
export function siteFieldsFrom(input: Omit<CreateSiteInput, "regionCode">, regionCode: string): SiteFields {
  const uscc = input.uscc?.trim() ? input.uscc : null;
  const problem = usccProblem(uscc) ?? missingUscc(input.kind, uscc) ?? industryProblem(input.industryCode);
  if (problem) throw fieldError(problem);
  const loc = checkLocation(input.lon, input.lat, input.crs);
  if (!loc.ok) throw fieldError(loc.problem);
  return {
    name: input.name,
    kind: input.kind,
    uscc,
    industryCode: input.industryCode?.trim() || null,
    scale: input.scale ?? null,
    ownership: input.ownership ?? "other",
    riskLevel: input.riskLevel ?? null,
    flagLarge: flag(input.flags?.large),
    flagHighGrade: flag(input.flags?.highGrade),
    flagHighRisk: flag(input.flags?.highRisk),
    regionCode,
    address: input.address ?? "",
    lon: loc.lon,
    lat: loc.lat,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone?.trim() || null,
    legalRepresentative: input.legalRepresentative?.trim() || null,
    status: input.status ?? "operating",
  };
}

/** The region of a new site: the one given, else the village or township of the grid it falls in, else the actor's only region. */
export function siteRegion(
  ctx: AssignmentContext,
  actor: Actor | null,
  input: Pick<CreateSiteInput, "regionCode">,
  lon: number | null,
  lat: number | null,
): string {
  if (input.regionCode) return input.regionCode;
  if (lon !== null && lat !== null) {
    const grid = ctx.layer.locate(lon, lat);
    if (grid && (!actor || sitePolicy.read(actor, { regionCode: grid.regionCode }))) return grid.regionCode;
  }
  if (actor && actor.scope.length === 1 && actor.scope[0].length >= 6) return actor.scope[0];
  throw new AppError("validation_failed", {
    zh: "请填写所属行政区划（乡镇或村）",
    en: "Give the site's region",
    details: { field: "regionCode" },
  });
}

export function siteRow(id: string, fields: SiteFields, now: string): NewSiteRow {
  return {
    id,
    ...fields,
    legalRepresentative: fields.legalRepresentative ?? null,
    direct: 0,
    directRule: "grid",
    gridId: null,
    gridRule: "no_location",
    gridOverride: 0,
    workerId: null,
    workerRule: "no_worker",
    workerOverride: 0,
    departmentId: null,
    departmentRule: "no_rule",
    departmentRuleId: null,
    departmentReason: "{}",
    departmentOverride: 0,
    overrideReason: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export async function assertUsccFree(tx: Tx, actor: Actor | null, uscc: string | null, selfId?: string) {
  if (!uscc) return;
  const taken = await findSiteByUscc(tx, uscc);
  if (!taken || taken.id === selfId) return;
  const visible = !actor || sitePolicy.read(actor, taken);
  throw new AppError("duplicate_uscc", {
    status: 409,
    zh: `统一社会信用代码 ${uscc} 已登记${visible ? `（${taken.name}）` : ""}，不能重复登记`,
    en: `The code ${uscc} is already registered${visible ? ` (${taken.name})` : ""}`,
    details: { field: "uscc", existing: visible ? { id: taken.id, name: taken.name } : null },
  });
}

/** Registers a site and assigns it at once: grid, grid worker, department, or direct supervision. */
export async function createSite(deps: Deps, actor: Actor | null, input: CreateSiteInput) {
  const layer = await gridLayer(deps.db);
  const id = randomUUID();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const ctx = await assignmentContext(tx, layer);
    const probe = siteFieldsFrom(input, "");
    const regionCode = siteRegion(ctx, actor, input, probe.lon, probe.lat);
    const region = await findRegion(tx, regionCode);
    if (!region || regionCode.length < 6)
      throw new AppError("invalid_region_code", { details: { field: "regionCode" } });
    if (actor && !sitePolicy.create(actor, regionCode))
      throw new AppError("forbidden", {
        zh: "没有在该区划登记监督管理对象的权限",
        en: "You may not register sites in this region",
      });
    const fields = { ...probe, regionCode };
    await assertUsccFree(tx, actor, fields.uscc);
    const row = siteRow(id, fields, now.toISOString());
    const grid =
      row.lon !== null && row.lat !== null
        ? ctx.layer.locate(row.lon, row.lat, regionCode.slice(0, 6))
        : null;
    if (grid) await preloadWorkers(ctx, [grid.id]);
    Object.assign(row, assignSite(ctx, row));
    await insertSites(tx, [row]);
    await insertEvent(
      tx,
      actor,
      {
        action: "site.registered",
        subjectType: "site",
        subjectId: id,
        regionCode,
        data: { site: fields, assignment: assignmentSummary(row) },
      },
      now,
    );
  });
  invalidateMapStats(deps.db);
  return (await findSite(deps.db, id))!;
}

/** The assignment part of a site row, as recorded in the trail. */
export function assignmentSummary(
  r: Pick<
    SiteTable,
    | "direct"
    | "directRule"
    | "gridId"
    | "gridRule"
    | "workerId"
    | "workerRule"
    | "departmentId"
    | "departmentRule"
    | "departmentRuleId"
  >,
) {
  return {
    direct: r.direct === 1,
    directRule: r.directRule,
    gridId: r.gridId,
    gridRule: r.gridRule,
    workerId: r.workerId,
    workerRule: r.workerRule,
    departmentId: r.departmentId,
    departmentRule: r.departmentRule,
    departmentRuleId: r.departmentRuleId,
  };
}
