import { findDepartment } from "../../../db/queries/department-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findGrid } from "../../../db/queries/grid-queries";
import { findSite, updateSiteRow } from "../../../db/queries/site-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { SiteTable } from "../../../db/schema/grid-tables";
import { type Actor, covers } from "../../../domain/auth/actor";
import { AppError, invalid } from "../../../domain/errors";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { OverrideAssignmentInput } from "../../../domain/schemas/site-schemas";
import type { Deps } from "../../deps";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { assignmentSummary } from "./create-site";
import { assignmentContext, assignSite, locateGrid, preloadWorkers } from "./site-assignment";
import { findVisibleSite } from "./update-site";

/**
 * A manual override of a site's grid, worker or department (R2–R4): a reason is required, the overridden
 * part is kept by every later automatic reassignment until reset, and the change is in the trail.
 */
export async function overrideAssignment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: OverrideAssignmentInput,
) {
  const layer = await gridLayer(deps.db);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const site = await findVisibleSite(tx, actor, id);
    if (!sitePolicy.override(actor, site)) throw new AppError("forbidden");
    const next: SiteTable = { ...site };
    const set: Record<string, string | null> = {};
    if (input.gridId !== undefined) {
      if (input.gridId !== null) {
        const grid = await findGrid(tx, input.gridId);
        if (
          grid?.status !== "active" ||
          !gridPolicy.read(actor, grid) ||
          !grid.code.startsWith(site.regionCode.slice(0, 6))
        )
          throw invalid(
            "所选网格不存在或不在该对象所在县区",
            "The grid does not exist or is outside the site's county",
            { field: "gridId" },
          );
      }
      next.gridId = input.gridId;
      next.gridOverride = 1;
      set.gridId = input.gridId;
    }
    if (input.workerId !== undefined) {
      if (input.workerId !== null) {
        const user = await findUserById(tx, input.workerId);
        if (user?.role !== "grid_worker" || user.status !== "active" || !covers(actor, user.regionCode))
          throw invalid(
            "所选网格员不存在或不在管辖范围内",
            "The grid worker does not exist or is out of scope",
            { field: "workerId" },
          );
      }
      next.workerId = input.workerId;
      next.workerOverride = 1;
      set.workerId = input.workerId;
    }
    if (input.departmentId !== undefined) {
      if (input.departmentId !== null) {
        const dep = await findDepartment(tx, input.departmentId);
        if (dep?.status !== "active" || !site.regionCode.startsWith(dep.regionCode))
          throw invalid(
            "所选部门不存在或不负责该对象所在地区",
            "The department does not exist or has no remit there",
            { field: "departmentId" },
          );
      }
      next.departmentId = input.departmentId;
      next.departmentOverride = 1;
      next.departmentReason = JSON.stringify({
        zh: `人工指定：${input.reason}`,
        en: `Set by hand: ${input.reason}`,
      });
      set.departmentId = input.departmentId;
    }
    for (const part of input.reset ?? []) {
      if (part === "grid") next.gridOverride = 0;
      if (part === "worker") next.workerOverride = 0;
      if (part === "department") next.departmentOverride = 0;
    }
    if (Object.keys(set).length === 0 && !input.reset?.length)
      throw invalid("请至少指定一项调整（网格、网格员或部门）", "Set or reset at least one part");
    const ctx = await assignmentContext(tx, layer);
    const grid = locateGrid(ctx, next);
    await preloadWorkers(
      ctx,
      [grid?.id, next.gridId].filter((g): g is string => !!g),
    );
    Object.assign(next, assignSite(ctx, next));
    const anyOverride = next.gridOverride || next.workerOverride || next.departmentOverride;
    const ok = await updateSiteRow(tx, id, input.version, {
      gridId: next.gridId,
      gridRule: next.gridRule,
      gridOverride: next.gridOverride,
      workerId: next.workerId,
      workerRule: next.workerRule,
      workerOverride: next.workerOverride,
      departmentId: next.departmentId,
      departmentRule: next.departmentRule,
      departmentRuleId: next.departmentRuleId,
      departmentReason: next.departmentReason,
      departmentOverride: next.departmentOverride,
      direct: next.direct,
      directRule: next.directRule,
      overrideReason: anyOverride ? input.reason : null,
      updatedAt: now.toISOString(),
    });
    if (!ok) throw new AppError("conflict");
    await insertEvent(
      tx,
      actor,
      {
        action: "site.assignment_overridden",
        subjectType: "site",
        subjectId: id,
        regionCode: site.regionCode,
        data: {
          reason: input.reason,
          set,
          reset: input.reset ?? [],
          before: assignmentSummary(site),
          after: assignmentSummary(next),
        },
      },
      now,
    );
  });
  invalidateMapStats(deps.db);
  return (await findSite(deps.db, id))!;
}
